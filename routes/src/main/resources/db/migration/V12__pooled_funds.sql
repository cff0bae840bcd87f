-- Councils pooling departmental funds (and NHS money), as under a section 75 agreement: a host, partners, and what
-- each partner puts in by period. A partner's contributions to personal budgets (its funding body code, and its
-- department when given) are drawn from the pool; the pool statement is computed from the ledger.
create table pooled_fund (
    id          uuid primary key,
    name        varchar(300) not null,
    host_code   varchar(20)  not null,
    created_by  varchar(200) not null,
    created_at  timestamptz  not null
);

create table pool_partner (
    pool_id        uuid         not null references pooled_fund (id),
    partner_code   varchar(20)  not null,
    department     varchar(100),
    name           varchar(300) not null,
    primary key (pool_id, partner_code)
);

create table pool_deposit (
    id            uuid primary key,
    pool_id       uuid         not null references pooled_fund (id),
    partner_code  varchar(20)  not null,
    period_start  date         not null,
    period_end    date         not null,
    money         varchar(10)  not null,
    amount_pence  bigint       not null,
    recorded_by   varchar(200) not null,
    recorded_at   timestamptz  not null,
    constraint pool_deposit_partner foreign key (pool_id, partner_code) references pool_partner (pool_id, partner_code),
    constraint pool_deposit_positive check (amount_pence > 0),
    constraint pool_deposit_period check (period_end >= period_start),
    constraint pool_deposit_money check (money in ('REVENUE', 'CAPITAL'))
);

-- what a commitment or payment was for, so statements can say where money went
alter table ledger_posting add column category varchar(40);
