-- A plan flagged as risky goes to a risk enablement panel, whose decision and reasons are recorded; its lines are
-- decided by funders only after the panel agreed. A plan line paying a connected person (family in the household)
-- needs an agreed exception where the money's rules say so.
alter table support_plan add column risky boolean not null default false;
alter table support_plan add column panel_decision varchar(12);
alter table support_plan add column panel_reasons text;
alter table support_plan add column panel_decided_by varchar(200);
alter table support_plan add column panel_decided_at timestamptz;
alter table support_plan add constraint support_plan_panel check (panel_decision in ('AGREED', 'NOT_AGREED'));
alter table plan_line add column connected_person boolean not null default false;
alter table plan_line add column exception_agreed boolean not null default false;

-- small one-off payments a coordinator makes before a plan is approved, up to a configured limit
create table one_off_payment (
    id               uuid primary key,
    person_id        uuid          not null references person (id),
    contribution_id  uuid          not null references contribution (id),
    reference        varchar(100)  not null,
    category         varchar(40)   not null,
    payee            varchar(300)  not null,
    amount_pence     bigint        not null,
    paid_on          date          not null,
    posting_id       bigint        not null references ledger_posting (id),
    paid_by          varchar(200)  not null,
    constraint one_off_payment_once unique (person_id, reference),
    constraint one_off_payment_positive check (amount_pence > 0)
);
