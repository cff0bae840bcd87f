-- A plan line's yearly cost is counted per financial year (1 April to 31 March, UK time). Each line's money is for
-- one financial year at a time (money_year, the calendar year that year starts in); year end settles what is left
-- of it and moves the line on to the next year's money. Each payment and refund counts against the money year of
-- its line when it was made.
alter table plan_line add column money_year int;
update plan_line l set money_year = (select case when extract(month from c.period_start) >= 4
        then extract(year from c.period_start) else extract(year from c.period_start) - 1 end
    from contribution c where c.id = l.contribution_id);
alter table plan_line alter column money_year set not null;

alter table plan_payment add column money_year int;
update plan_payment set money_year = case when extract(month from paid_on) >= 4 then extract(year from paid_on)
    else extract(year from paid_on) - 1 end;
alter table plan_payment alter column money_year set not null;
create index plan_payment_by_year on plan_payment (line_id, money_year) include (amount_pence);
-- the running total over all years (V17) counted payments for ever: no longer used
drop trigger plan_payment_running_total on plan_payment;
drop function plan_payment_running_total();
drop index plan_payment_latest;
alter table plan_payment drop column line_paid_after;

-- money carried into a contribution at year end: part of its amount that its funder's later revisions keep
alter table contribution add column carried_in_pence bigint not null default 0;

-- what each year end did to each line: what was left of its commitment (released to the funder, or carried with
-- the money into next year's contribution), and the money that pays it from the next year (null: none, re-plan)
create table line_year_end (
    line_id              uuid        not null references plan_line (id),
    financial_year       int         not null,
    outcome              varchar(20) not null,
    left_pence           bigint      not null,
    from_contribution_id uuid        not null references contribution (id),
    into_contribution_id uuid references contribution (id),
    settled_by           varchar(200) not null,
    settled_at           timestamptz not null default now(),
    primary key (line_id, financial_year)
);

-- a disabled facilities grant pays for works done within twelve months of its approval (Housing Grants,
-- Construction and Regeneration Act 1996, s. 37), not on the day it was awarded only
update contribution set period_end = (period_start + interval '12 months' - interval '1 day')::date
    where type = 'dfg' and period_end = period_start;

-- the day money moved, in UK time (a payment's paid_on, a refund's received day, a year end's 31 March): statements
-- and financial years count by it, not by the instant a posting was written in UTC
alter table ledger_posting add column value_date date;
alter table ledger_posting disable trigger ledger_posting_append_only;
update ledger_posting set value_date = cast(posted_at at time zone 'Europe/London' as date);
update ledger_posting lp set value_date = pp.paid_on from plan_payment pp where pp.posting_id = lp.id;
update ledger_posting lp set value_date = op.paid_on from one_off_payment op where op.posting_id = lp.id;
update ledger_posting lp set value_date = cp.paid_on from council_payment cp join organisation o on o.id = cp.council_id
    where lp.idempotency_key = o.code || ':' || cp.payment_id;
alter table ledger_posting enable trigger ledger_posting_append_only;
alter table ledger_posting alter column value_date set default cast(now() at time zone 'Europe/London' as date);
alter table ledger_posting alter column value_date set not null;
create index ledger_posting_by_value_date on ledger_posting (value_date);

-- a pool deposit is counted once per partner's reference: a retried request finds the first, never a second
alter table pool_deposit add column reference varchar(100);
update pool_deposit set reference = 'before-references:' || id;
alter table pool_deposit alter column reference set not null;
alter table pool_deposit add constraint pool_deposit_once unique (pool_id, partner_code, reference);

-- a line's units held exactly as drafted: 37.5 hours a week is 37.5, not 37 or 38
alter table plan_line alter column units type numeric(7, 2);
