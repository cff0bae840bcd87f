-- A single assessment being filled in on the web app, section by section ("save and continue"): one draft per
-- person and user, kept until it is submitted (then it is a version of the assessment like any other).
create table assessment_draft (
    person_id   uuid          not null references person (id),
    user_name   varchar(200)  not null,
    answers     text          not null,
    updated_at  timestamptz   not null,
    primary key (person_id, user_name)
);
