-- The provider directory is every payee named on current plan lines (by name, ignoring case and runs of spaces).
-- Budget holders rate those they bought from: 1 to 5 stars with their words, one per person per provider per
-- financial year, changed only by its author. A council imports the Care Quality Commission's ratings.
create table provider_rating (
    id            uuid primary key,
    provider_key  varchar(300)  not null,
    provider_name varchar(300)  not null,
    person_id     uuid          not null references person (id),
    year_start    integer       not null,
    stars         integer       not null check (stars between 1 and 5),
    words         text          not null,
    author        varchar(200)  not null,
    recorded_at   timestamptz   not null,
    changed_at    timestamptz,
    constraint provider_rating_once unique (provider_key, person_id, year_start)
);

create table provider_cqc_rating (
    provider_key  varchar(300) primary key,
    name          varchar(300) not null,
    location_id   varchar(40)  not null,
    rating        varchar(30)  not null,
    rated_on      date         not null,
    imported_by   varchar(200) not null,
    imported_at   timestamptz  not null
);
