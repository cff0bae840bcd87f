-- Governed access: the family's decisions about sharing (FHIR Consent), break-glass openings, the national data
-- opt-out, which organisation's coordinators hold a case, and the tamper-evident audit of every read and write.

-- the organisation whose coordinators hold the case (null: hub.cases.default-organisation)
alter table family_case add column organisation varchar(50);

-- the national data opt-out: left out of reports for planning and research; their own care is unaffected
alter table person add column national_opt_out boolean not null default false;
alter table person add column national_opt_out_at timestamptz;

-- A person's decision about sharing: permit (widening what the agreement asks consent for) or deny (an objection).
-- Empty arrays mean "any". Withdrawn by setting the status to inactive; never deleted.
create table consent_directive (
    id                uuid primary key,
    person_id         uuid          not null references person (id),
    status            varchar(12)   not null,
    provision         varchar(6)    not null,
    organisations     varchar(50)[] not null default '{}',
    recipients        varchar(20)[] not null default '{}',
    purposes          varchar(20)[] not null default '{}',
    categories        varchar(20)[] not null default '{}',
    period_start      timestamptz,
    period_end        timestamptz,
    -- who decided: the person, or a proxy with recorded authority
    decided_by        varchar(200)  not null,
    proxy_authority   varchar(20),
    recorded_by       varchar(200)  not null,
    recorded_by_org   varchar(50)   not null,
    recorded_at       timestamptz   not null,
    withdrawn_by      varchar(200),
    withdrawn_at      timestamptz,
    version           integer       not null default 1,
    constraint consent_status check (status in ('active', 'inactive')),
    constraint consent_provision check (provision in ('permit', 'deny')),
    constraint consent_period check (period_end is null or period_start is null or period_end >= period_start),
    constraint consent_proxy check (proxy_authority is null
        or proxy_authority in ('PARENT', 'APPOINTEE', 'ATTORNEY', 'DEPUTY'))
);
create index consent_by_person on consent_directive (person_id) where status = 'active';

-- Break-glass: a professional opened a person's whole record without the usual permission, for a reason, for a
-- limited time; the person's coordinator and the organisation's guardians are told and review it.
create table break_glass (
    id            uuid primary key,
    person_id     uuid          not null references person (id),
    user_name     varchar(200)  not null,
    organisation  varchar(50)   not null,
    reason        text          not null,
    opened_at     timestamptz   not null,
    expires_at    timestamptz   not null,
    reviewed_by   varchar(200),
    reviewed_at   timestamptz,
    review_note   text
);
create index break_glass_open on break_glass (person_id, user_name, expires_at);

-- The audit: every read and write of personal data, append-only. Each entry's hash covers its fields and the
-- previous entry's hash; audit_chain_head holds the last one, locked while an entry is added, so concurrent
-- requests cannot fork the chain.
create table audit_entry (
    seq             bigint        primary key,
    recorded_at     timestamptz   not null,
    user_name       varchar(200)  not null,
    organisation    varchar(50),
    roles           varchar(200)  not null,
    purpose         varchar(20)   not null,
    person_id       uuid,
    categories      varchar(300)  not null,
    action          varchar(10)   not null,
    endpoint        varchar(500)  not null,
    resources       text          not null,
    outcome         varchar(12)   not null,
    detail          text,
    client_address  varchar(100),
    previous_hash   char(64)      not null,
    hash            char(64)      not null,
    constraint audit_outcome check (outcome in ('PERMITTED', 'PARTLY', 'DENIED', 'BREAK_GLASS'))
);
create index audit_by_person on audit_entry (person_id, recorded_at);
create index audit_by_time on audit_entry (recorded_at);

create table audit_chain_head (
    id    integer  primary key check (id = 1),
    seq   bigint   not null,
    hash  char(64) not null
);
insert into audit_chain_head (id, seq, hash) values (1, 0, repeat('0', 64));

create function audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit is append-only: % on % refused', tg_op, tg_table_name;
end $$;
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_append_only();
