-- Plan reviews in the person's own answer: the eight aspects of life better, the same or worse since the plan
-- started, who helped, their own words, and each goal met, partly met or not met. Each plan has a review date
-- (a year after it was made unless the coordinator sets one; a review moves it a year on).
alter table support_plan add column review_due date;
update support_plan set review_due = (created_at at time zone 'Europe/London')::date + interval '1 year';

create table outcome_review (
    id           uuid primary key,
    plan_id      uuid         not null references support_plan (id),
    person_id    uuid         not null references person (id),
    reviewed_on  date         not null,
    helped_by    varchar(200),
    own_words    text,
    recorded_by  varchar(200) not null,
    recorded_at  timestamptz  not null
);
create index outcome_review_person on outcome_review (person_id, reviewed_on desc);

create table outcome_review_aspect (
    review_id uuid        not null references outcome_review (id),
    aspect    varchar(40) not null,
    change    varchar(10) not null check (change in ('BETTER', 'SAME', 'WORSE')),
    primary key (review_id, aspect)
);

create table outcome_review_goal (
    review_id uuid        not null references outcome_review (id),
    number    integer     not null,
    goal      varchar(500) not null,
    outcome   varchar(12) not null check (outcome in ('MET', 'PARTLY_MET', 'NOT_MET')),
    primary key (review_id, number)
);
