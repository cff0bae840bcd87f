-- Hub instances sharing one database say they are alive (a heartbeat); a file in an inbox the instances share is
-- taken by exactly one of them, which claims it here. A claim by an instance that stopped saying it is alive (it
-- died) is taken over, so a file is never left in the inbox for ever.
create table hub_instance (
    id         varchar(64)  primary key,
    host       varchar(255) not null,
    data_dir   text         not null,
    started_at timestamptz  not null default now(),
    seen_at    timestamptz  not null default now()
);

create table inbox_claim (
    claim_key  varchar(1000) primary key,
    instance   varchar(64)   not null,
    claimed_at timestamptz   not null default now()
);
