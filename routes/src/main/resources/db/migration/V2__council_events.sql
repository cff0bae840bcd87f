-- When the agency says the change happened: an older event that arrives late does not undo a newer one.
alter table contribution add column source_occurred_at timestamptz;

-- Traditional services a council arranges for a person (council social care SERVICE_STARTED / SERVICE_ENDED).
create table care_service (
    id                   uuid primary key,
    person_id            uuid         not null references person (id),
    council_id           uuid         not null references organisation (id),
    service_id           varchar(200) not null,
    kind                 varchar(20),
    provider             varchar(300),
    weekly_cost_pence    bigint,
    start_date           date,
    end_date             date,
    started_occurred_at  timestamptz,
    ended_occurred_at    timestamptz,
    last_message_id      bigint       references inbound_message (id),
    constraint care_service_unique unique (council_id, service_id),
    constraint care_service_cost_not_negative check (weekly_cost_pence is null or weekly_cost_pence >= 0)
);
create index care_service_by_person on care_service (person_id);
