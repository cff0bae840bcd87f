-- Money paid on a plan line can come back (a provider returns an overpayment, unspent direct payment money is
-- returned): a refund is kept beside the line's payments as a negative amount, so the line's running total paid
-- goes down; references are once per line for payments and, separately, for refunds.
alter table plan_payment add column kind varchar(10) not null default 'PAYMENT';
alter table plan_payment add column reason text;
alter table plan_payment drop constraint plan_payment_positive;
alter table plan_payment add constraint plan_payment_amount check ((kind = 'PAYMENT' and amount_pence > 0)
    or (kind = 'REFUND' and amount_pence < 0));
alter table plan_payment drop constraint plan_payment_once;
alter table plan_payment add constraint plan_payment_once unique (line_id, kind, reference);
