-- The web app's sign-in sessions: one row per signed-in browser, found by the hash of its cookie (the cookie's value
-- itself is never stored), so sign-out and time-out hold on every instance of the hub.
create table web_session (
    token_hash    varchar(64)  primary key,
    user_name     varchar(200) not null,
    display_name  varchar(200) not null,
    roles         varchar(500) not null,
    organisation  varchar(20),
    csrf_token    varchar(64)  not null,
    signed_in_by  varchar(20)  not null,
    created_at    timestamptz  not null,
    last_seen_at  timestamptz  not null,
    ended_at      timestamptz
);
create index web_session_open on web_session (last_seen_at) where ended_at is null;

-- A coordinator acknowledges an alert (seen, being dealt with) and resolves it with a note; an agency's own closing
-- (the cause went away) stays closed_at without a person.
alter table person_alert add column acknowledged_at timestamptz;
alter table person_alert add column acknowledged_by varchar(200);
alter table person_alert add column resolved_by varchar(200);
alter table person_alert add column resolution_note varchar(2000);
