-- Household links an agency states (a council's household list): the raw material families are formed from.
create table household_link (
    id                 bigserial primary key,
    person_id          uuid         not null references person (id),
    related_person_id  uuid         not null references person (id),
    relationship       varchar(40)  not null,
    source             varchar(200) not null,
    message_id         bigint       references inbound_message (id),
    stated_at          timestamptz  not null default now(),
    constraint household_link_once unique (person_id, related_person_id, source)
);
create index household_link_by_related on household_link (related_person_id);
