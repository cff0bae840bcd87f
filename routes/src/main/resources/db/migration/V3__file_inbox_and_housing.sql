-- Files are kept on disk under the data directory (they can be large); the message row points at the copy.
alter table inbound_message alter column payload drop not null;
alter table inbound_message add column payload_file varchar(500);
alter table inbound_message add constraint inbound_message_has_payload
    check (payload is not null or payload_file is not null);

-- Progress of a file being applied, row by row, for the operator.
create table inbound_file (
    message_id      bigint primary key references inbound_message (id),
    agency          varchar(20)  not null,
    file_name       varchar(300) not null,
    status          varchar(12)  not null,
    rows_read       integer      not null default 0,
    rows_applied    integer      not null default 0,
    rows_set_aside  integer      not null default 0,
    reason          text,
    started_at      timestamptz  not null default now(),
    finished_at     timestamptz,
    constraint inbound_file_status check (status in ('RUNNING', 'DONE', 'REJECTED', 'FAILED'))
);

create table inbound_file_row_issue (
    id           bigserial primary key,
    message_id   bigint  not null references inbound_file (message_id),
    line_number  integer not null,
    reason       text    not null
);
create index inbound_file_row_issue_by_file on inbound_file_row_issue (message_id, line_number);

-- Housing providers' tenancies as their nightly snapshots show them.
create table tenancy (
    id               uuid primary key,
    provider         varchar(40)  not null,
    tenancy_ref      varchar(100) not null,
    uprn             varchar(12),
    address          varchar(500),
    postcode         varchar(10),
    tenure           varchar(20),
    start_date       date,
    arrears_pence    bigint       not null default 0,
    adaptation_need  varchar(500),
    ended_on         date,
    last_file_date   date         not null,
    last_message_id  bigint       references inbound_message (id),
    constraint tenancy_unique unique (provider, tenancy_ref)
);

create table tenancy_member (
    tenancy_id  uuid         not null references tenancy (id),
    person_id   uuid         not null references person (id),
    person_ref  varchar(100) not null,
    role        varchar(10)  not null,
    primary key (tenancy_id, person_ref)
);
create index tenancy_member_by_person on tenancy_member (person_id);

-- Alerts for the coordinator on the joined-up case (arrears, temporary accommodation, suspended benefits, ...).
create table person_alert (
    id           uuid primary key,
    person_id    uuid         not null references person (id),
    agency       varchar(20)  not null,
    kind         varchar(40)  not null,
    detail       text         not null,
    source_key   varchar(300) not null,
    raised_at    timestamptz  not null default now(),
    closed_at    timestamptz,
    message_id   bigint       references inbound_message (id),
    constraint person_alert_once unique (person_id, kind, source_key)
);
create index person_alert_open on person_alert (person_id) where closed_at is null;
