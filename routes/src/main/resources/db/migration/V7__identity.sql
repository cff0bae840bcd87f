-- Identity: every agency's record about a person is a source record, linked to exactly one hub person, with the
-- evidence for the link; links a person must decide go to a review queue; manual decisions and every identity change
-- are kept.

alter table person add column merged_into uuid references person (id);

create table source_record (
    id                  uuid primary key,
    agency              varchar(20)  not null,
    holder              varchar(100) not null,
    source_system       varchar(200) not null,
    source_value        varchar(200) not null,
    person_id           uuid         not null references person (id),
    given_name          varchar(200),
    family_name         varchar(200),
    birth_date          date,
    postcode            varchar(10),
    uprn                varchar(12),
    nhs_number          varchar(10),
    nhs_verified        boolean      not null default false,
    ni_number           varchar(9),
    -- normalised for matching and term frequencies
    given_key           varchar(200),
    family_key          varchar(200),
    link_method         varchar(20)  not null,
    match_weight        double precision,
    match_explanation   text,
    link_reason         text,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    constraint source_record_unique unique (holder, source_system, source_value),
    constraint source_record_link_method check (link_method in ('NEW_PERSON', 'IDENTIFIER', 'SCORE', 'MANUAL'))
);
create index source_record_by_person on source_record (person_id);
create index source_record_by_given on source_record (given_key);
create index source_record_by_family on source_record (family_key);

create table source_record_block (
    block_key         varchar(300) not null,
    source_record_id  uuid         not null references source_record (id) on delete cascade,
    primary key (block_key, source_record_id)
);

create table match_review (
    id                   uuid primary key,
    source_record_id     uuid         not null references source_record (id),
    candidate_record_id  uuid         not null references source_record (id),
    match_weight         double precision,
    match_explanation    text,
    reason               text         not null,
    status               varchar(12)  not null,
    created_at           timestamptz  not null default now(),
    decided_at           timestamptz,
    decided_by           varchar(200),
    decision_note        text,
    constraint match_review_status check (status in ('OPEN', 'CONFIRMED', 'REJECTED', 'SUPERSEDED'))
);
create index match_review_open on match_review (created_at) where status = 'OPEN';
create unique index match_review_once on match_review (source_record_id, candidate_record_id) where status = 'OPEN';

-- what a person decided: these two source records are (SAME) or are not (DIFFERENT) one person; matching obeys them
create table match_decision (
    id                bigserial primary key,
    source_record_id  uuid         not null references source_record (id),
    other_record_id   uuid         not null references source_record (id),
    decision          varchar(10)  not null,
    decided_by        varchar(200) not null,
    decided_at        timestamptz  not null default now(),
    reason            text,
    constraint match_decision_kind check (decision in ('SAME', 'DIFFERENT'))
);
create index match_decision_by_record on match_decision (source_record_id);
create index match_decision_by_other on match_decision (other_record_id);

create table identity_audit (
    id                bigserial primary key,
    at                timestamptz  not null default now(),
    actor             varchar(200) not null,
    action            varchar(20)  not null,
    person_id         uuid         not null,
    other_person_id   uuid,
    source_record_id  uuid,
    detail            text         not null
);
create index identity_audit_by_person on identity_audit (person_id);
create index identity_audit_by_other on identity_audit (other_person_id);

-- which source record brought each thing attached to a person, so it follows that record when a person is split
alter table contribution add column source_record_id uuid references source_record (id);
alter table care_service add column source_record_id uuid references source_record (id);
alter table tenancy_member add column source_record_id uuid references source_record (id);
alter table benefit_award add column source_record_id uuid references source_record (id);
alter table person_alert add column source_record_id uuid references source_record (id);
alter table household_link add column source_record_id uuid references source_record (id);
