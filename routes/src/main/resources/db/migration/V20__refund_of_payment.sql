-- A refund returns (part of) one payment: it names it, and all refunds of a payment never exceed it.
alter table plan_payment add column refund_of uuid references plan_payment (id);
alter table plan_payment add constraint plan_payment_refund_names_payment check ((kind = 'REFUND') = (refund_of is not null));
create index plan_payment_refunds on plan_payment (refund_of) where refund_of is not null;
