-- Monthly benefit award files applied, one row per file: a later sequence for the same month replaces an earlier.
create table benefit_file (
    message_id   bigint primary key references inbound_message (id),
    file_id      varchar(20) not null,
    gss          varchar(9)  not null,
    award_month  date        not null,
    sequence     integer     not null,
    constraint benefit_file_id_once unique (file_id),
    constraint benefit_file_sequence_once unique (gss, award_month, sequence)
);

-- What each person receives, per benefit and month, as the benefits agency's latest file for the month says.
create table benefit_award (
    id            bigserial primary key,
    person_id     uuid        not null references person (id),
    gss           varchar(9)  not null,
    award_month   date        not null,
    nino          varchar(9)  not null,
    benefit       varchar(4)  not null,
    status        char(1)     not null,
    weekly_pence  bigint      not null,
    award_start   date        not null,
    award_end     date,
    message_id    bigint      not null references inbound_message (id),
    constraint benefit_award_amount check (weekly_pence >= 0)
);
create index benefit_award_by_month on benefit_award (gss, award_month);
create index benefit_award_by_person on benefit_award (person_id);
create index benefit_award_by_nino on benefit_award (nino, benefit, award_month);
