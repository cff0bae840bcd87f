-- Equality monitoring, as the council records it with the person (special category data: read only by those who
-- see the person's details): their ethnicity in the council's words, and whether they are disabled. The equity
-- report counts people by these groups against the council's population table.
create table person_equality (
    person_id    uuid primary key references person (id),
    ethnicity    varchar(100),
    disability   varchar(10) check (disability in ('YES', 'NO', 'NOT_SAID')),
    recorded_by  varchar(200) not null,
    recorded_at  timestamptz  not null
);
