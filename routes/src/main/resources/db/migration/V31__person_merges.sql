-- A merge remembers what it moved, so a split can undo it: the merged person comes back (its redirect cleared) with
-- the records it brought, and with its plans, assessments, indicative budgets, one-off payments and consents.
create table person_merge (
    id                uuid primary key,
    merged_person_id  uuid          not null references person (id),
    survivor_id       uuid          not null references person (id),
    merged_at         timestamptz   not null,
    merged_by         varchar(200)  not null,
    reason            text          not null,
    -- the merged person's current plan, closed because the survivor had one (its commitments released)
    closed_plan_id    uuid          references support_plan (id),
    undone_at         timestamptz,
    undone_by         varchar(200)
);
create index person_merge_open on person_merge (survivor_id) where undone_at is null;

create table person_merge_row (
    merge_id    uuid         not null references person_merge (id),
    table_name  varchar(40)  not null,
    row_id      uuid         not null,
    primary key (merge_id, table_name, row_id)
);
