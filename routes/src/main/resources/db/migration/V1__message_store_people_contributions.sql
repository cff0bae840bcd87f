-- The message store: every inbound message, whatever the agency or transport, stored before it is acknowledged.
create table inbound_message (
    id                 bigserial primary key,
    agency             varchar(20)  not null,
    transport          varchar(20)  not null,
    sender             varchar(200) not null default '',
    agency_message_id  varchar(200),
    content_hash       char(64)     not null,
    -- agency message id when the agency sends one, otherwise the content hash: how a repeat is recognised
    dedup_key          varchar(260) not null,
    content_type       varchar(100),
    payload            text         not null,
    received_at        timestamptz  not null default now(),
    status             varchar(12)  not null,
    status_at          timestamptz  not null default now(),
    reasons            text,
    error              text,
    attempts           integer      not null default 0,
    repeats            integer      not null default 0,
    last_repeat_at     timestamptz,
    constraint inbound_message_status check (status in ('RECEIVED', 'APPLIED', 'REJECTED', 'FAILED')),
    constraint inbound_message_repeat unique (agency, sender, dedup_key)
);
create index inbound_message_by_status on inbound_message (status, received_at);
create index inbound_message_by_time on inbound_message (received_at);

-- People the hub knows, and the identifiers agencies know them by.
create table person (
    id           uuid primary key,
    given_name   varchar(200),
    family_name  varchar(200),
    birth_date   date,
    postcode     varchar(10),
    uprn         varchar(12),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

create table person_identifier (
    id         bigserial primary key,
    person_id  uuid         not null references person (id),
    system     varchar(200) not null,
    value      varchar(100) not null,
    verified   boolean      not null default false,
    constraint person_identifier_unique unique (system, value)
);
create index person_identifier_by_person on person_identifier (person_id);

-- Funding bodies: NHS trusts and ICBs (ODS code), councils (GSS code).
create table organisation (
    id          uuid primary key,
    agency      varchar(20)  not null,
    code        varchar(20)  not null,
    name        varchar(300),
    created_at  timestamptz  not null default now(),
    constraint organisation_code_unique unique (agency, code)
);

-- A funding body's contribution to a person's budget, as it stands now; its history is contribution_revision.
create table contribution (
    id               uuid primary key,
    person_id        uuid         not null references person (id),
    agency           varchar(20)  not null,
    funding_body_id  uuid         not null references organisation (id),
    source_system    varchar(300) not null,
    source_value     varchar(200) not null,
    type             varchar(40)  not null,
    status           varchar(12)  not null,
    amount_pence     bigint       not null,
    period_start     date         not null,
    period_end       date         not null,
    care_plan_title  varchar(500),
    version          integer      not null,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    constraint contribution_source_unique unique (funding_body_id, source_system, source_value),
    constraint contribution_amount_not_negative check (amount_pence >= 0),
    constraint contribution_period check (period_end >= period_start),
    constraint contribution_status check (status in ('ACTIVE', 'ENDED', 'WITHDRAWN'))
);
create index contribution_by_person on contribution (person_id);

-- Every change to a contribution: who or what caused it, why, and which message.
create table contribution_revision (
    id               bigserial primary key,
    contribution_id  uuid         not null references contribution (id),
    version          integer      not null,
    status           varchar(12)  not null,
    type             varchar(40)  not null,
    amount_pence     bigint       not null,
    period_start     date         not null,
    period_end       date         not null,
    change           varchar(20)  not null,
    message_id       bigint       references inbound_message (id),
    changed_by       varchar(200) not null,
    changed_at       timestamptz  not null default now(),
    constraint contribution_revision_unique unique (contribution_id, version)
);
