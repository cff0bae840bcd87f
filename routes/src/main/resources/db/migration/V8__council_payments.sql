-- Payments a council reports out of a person's budget (PAYMENT_MADE). Recorded as the council reports them; the
-- pooled budget's ledger posts them against the contribution they draw on.
create table council_payment (
    id                uuid primary key,
    council_id        uuid         not null references organisation (id),
    payment_id        varchar(100) not null,
    allocation_id     varchar(100) not null,
    contribution_id   uuid         references contribution (id),
    person_id         uuid         not null references person (id),
    source_record_id  uuid         references source_record (id),
    amount_pence      bigint       not null,
    paid_on           date         not null,
    payee             varchar(300) not null,
    category          varchar(100) not null,
    occurred_at       timestamptz  not null,
    message_id        bigint       not null references inbound_message (id),
    constraint council_payment_once unique (council_id, payment_id),
    constraint council_payment_positive check (amount_pence > 0)
);
create index council_payment_by_person on council_payment (person_id);
