-- What a partner puts into a pooled fund is a ledger posting, as every other movement of money is: the partner's
-- side (POOL_PARTNER) to the pool's (POOL_HELD), with who, why and when; once per partner's reference (the
-- posting's key). A pool's entries name the pool and the partner instead of a person's contribution.
alter table ledger_entry alter column contribution_id drop not null;
alter table ledger_entry add column pool_id uuid references pooled_fund (id);
alter table ledger_entry add column pool_partner varchar(20);
alter table ledger_entry drop constraint ledger_entry_account;
alter table ledger_entry add constraint ledger_entry_account
    check (account in ('FUNDER', 'AVAILABLE', 'COMMITTED', 'PAID', 'POOL_PARTNER', 'POOL_HELD'));
alter table ledger_entry add constraint ledger_entry_holder check (
    (contribution_id is not null and pool_id is null and pool_partner is null and account not like 'POOL%')
    or (contribution_id is null and pool_id is not null and pool_partner is not null and account like 'POOL%'));
create index ledger_entry_by_pool on ledger_entry (pool_id, pool_partner, account, id desc) include (balance_after)
    where pool_id is not null;

-- the running balance of a pool's entries is the pool's and partner's, as a contribution's is its own
create or replace function ledger_entry_running_balance() returns trigger language plpgsql as $$
begin
    if new.contribution_id is null then
        new.balance_after := coalesce((select e.balance_after from ledger_entry e
                                       where e.pool_id = new.pool_id and e.pool_partner = new.pool_partner
                                         and e.account = new.account order by e.id desc limit 1), 0) + new.pence;
    else
        new.balance_after := coalesce((select e.balance_after from ledger_entry e
                                       where e.contribution_id = new.contribution_id and e.account = new.account
                                       order by e.id desc limit 1), 0) + new.pence;
    end if;
    return new;
end $$;

alter table pool_deposit add column posting_id bigint references ledger_posting (id);

-- deposits recorded before: posted now, each on the day it was recorded (UK time)
with posted as (
    insert into ledger_posting (kind, idempotency_key, caused_by, reason, posted_at, value_date)
    select 'POOL_DEPOSIT', 'pool-deposit:' || d.pool_id || ':' || d.partner_code || ':' || d.reference,
           d.recorded_by, d.partner_code || ' deposit ' || d.reference || ' into pool ' || d.pool_id || ' ('
               || d.money || ', ' || d.period_start || ' to ' || d.period_end || ')',
           d.recorded_at, cast(d.recorded_at at time zone 'Europe/London' as date)
    from pool_deposit d order by d.recorded_at, d.id
    returning id, idempotency_key
)
insert into ledger_entry (posting_id, pool_id, pool_partner, account, pence)
select p.id, d.pool_id, d.partner_code, x.account, x.pence
from posted p
join pool_deposit d on p.idempotency_key = 'pool-deposit:' || d.pool_id || ':' || d.partner_code || ':' || d.reference
cross join lateral (values ('POOL_PARTNER', -d.amount_pence), ('POOL_HELD', d.amount_pence)) as x (account, pence)
order by p.id, x.account desc;
update pool_deposit d set posting_id = p.id from ledger_posting p
where p.idempotency_key = 'pool-deposit:' || d.pool_id || ':' || d.partner_code || ':' || d.reference;
