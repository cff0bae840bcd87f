-- The single assessment: one QuestionnaireResponse about one person per version, who completed it and whether a
-- professional has checked it; and the indicative budgets the Resource Allocation System gave, each kept with the RAS
-- version that produced it.
create table assessment (
    id                   uuid primary key,
    person_id            uuid          not null references person (id),
    version              integer       not null,
    questionnaire        varchar(300)  not null,
    mode                 varchar(12)   not null,
    completed_by         varchar(200)  not null,
    completed_by_agency  varchar(50),
    submitted_by         varchar(200)  not null,
    submitted_at         timestamptz   not null,
    source_identifier    varchar(300),
    checked_by           varchar(200),
    checked_at           timestamptz,
    check_note           text,
    response             text          not null,
    scores               text          not null,
    total_points         integer       not null,
    constraint assessment_version unique (person_id, version),
    constraint assessment_once unique (source_identifier),
    constraint assessment_mode check (mode in ('SELF', 'PROFESSIONAL', 'AGENCY'))
);
create index assessment_by_person on assessment (person_id, version desc);

create table indicative_budget (
    id             uuid primary key,
    person_id      uuid         not null references person (id),
    assessment_id  uuid         not null references assessment (id),
    ras_version    text         not null,
    computed_at    timestamptz  not null,
    total_pence    bigint       not null,
    result         text         not null,
    is_current     boolean      not null,
    constraint indicative_budget_once unique (assessment_id, ras_version)
);
create index indicative_budget_current on indicative_budget (person_id) where is_current;
