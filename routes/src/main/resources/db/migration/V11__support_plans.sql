-- Support plans: what matters to the person, their goals, and lines (what, from whom, what it costs a year, how the
-- money is managed), each paid for by one contribution (proposed by the hub or chosen by the coordinator) and
-- approved or refused by that contribution's funding body. An approved line is a commitment in the ledger; payments
-- against it are drawn from the commitment.
create table support_plan (
    id            uuid primary key,
    person_id     uuid          not null references person (id),
    version       integer       not null,
    what_matters  text          not null,
    goals         text,
    created_by    varchar(200)  not null,
    created_at    timestamptz   not null,
    constraint support_plan_version unique (person_id, version)
);

create table plan_line (
    id                    uuid primary key,
    plan_id               uuid          not null references support_plan (id),
    line_number           integer       not null,
    category              varchar(40)   not null,
    description           text          not null,
    payee                 varchar(300)  not null,
    cost_kind             varchar(10)   not null,
    unit_pence            bigint        not null,
    units                 integer       not null,
    annual_pence          bigint        not null,
    management            varchar(30)   not null,
    contribution_id       uuid          not null references contribution (id),
    funding_explanation   text          not null,
    status                varchar(10)   not null,
    decided_by            varchar(200),
    decided_at            timestamptz,
    decision_reason       text,
    constraint plan_line_number unique (plan_id, line_number),
    constraint plan_line_status check (status in ('PROPOSED', 'APPROVED', 'REFUSED')),
    constraint plan_line_cost check (unit_pence > 0 and annual_pence > 0)
);

create table plan_payment (
    id           uuid primary key,
    line_id      uuid          not null references plan_line (id),
    reference    varchar(100)  not null,
    amount_pence bigint        not null,
    paid_on      date          not null,
    posting_id   bigint        not null references ledger_posting (id),
    paid_by      varchar(200)  not null,
    constraint plan_payment_once unique (line_id, reference),
    constraint plan_payment_positive check (amount_pence > 0)
);
