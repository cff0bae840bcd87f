-- Councils' evaluation data for the value report (costs before and after personal budgets), imported as CSV: people
-- who need not be in the hub, known only by the council's own reference. A missing figure is null, never zero.
create table value_dataset (
    id           uuid primary key,
    organisation varchar(40)  not null,
    imported_by  varchar(200) not null,
    imported_at  timestamptz  not null,
    row_count    integer      not null,
    problem_count integer     not null
);

create table value_evaluation (
    dataset_id             uuid         not null references value_dataset (id),
    line                   integer      not null,
    council                varchar(200) not null,
    council_name           varchar(200) not null,
    council_known          boolean      not null,
    person_ref             varchar(100) not null,
    traditional_pence      bigint check (traditional_pence >= 0),
    personal_budget_pence  bigint check (personal_budget_pence >= 0),
    primary key (dataset_id, council, person_ref)
);
