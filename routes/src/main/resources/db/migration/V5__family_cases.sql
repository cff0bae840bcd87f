-- A family case: one or more people who live together, a lead person and the coordinator who supports them.
create table family_case (
    id              uuid primary key,
    lead_person_id  uuid         not null references person (id),
    coordinator     varchar(200) not null,
    created_at      timestamptz  not null default now()
);
create index family_case_by_coordinator on family_case (coordinator);

create table case_member (
    person_id  uuid primary key references person (id),
    case_id    uuid not null references family_case (id)
);
create index case_member_by_case on case_member (case_id);
