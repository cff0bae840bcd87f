-- Running balances, so that a posting's checks read a contribution's balances in a few index look-ups instead of
-- summing its whole history. Each ledger entry also records its account's balance after it (the sum of that
-- contribution's account up to and including the entry), set by the database as the entry is inserted; the hub
-- locks a contribution before it posts to it, so entries of one contribution are written one transaction at a time.
-- The running balance is part of the append-only entry and can be checked against the sums at any time.
alter table ledger_entry add column balance_after bigint;
alter table ledger_entry disable trigger ledger_entry_append_only;
update ledger_entry e set balance_after = r.running
from (select id, sum(pence) over (partition by contribution_id, account order by id) as running
      from ledger_entry) r
where r.id = e.id;
alter table ledger_entry enable trigger ledger_entry_append_only;
alter table ledger_entry alter column balance_after set not null;
create index ledger_entry_latest on ledger_entry (contribution_id, account, id desc) include (balance_after);
drop index ledger_entry_by_contribution;

create function ledger_entry_running_balance() returns trigger language plpgsql as $$
begin
    new.balance_after := coalesce((select e.balance_after from ledger_entry e
                                   where e.contribution_id = new.contribution_id and e.account = new.account
                                   order by e.id desc limit 1), 0) + new.pence;
    return new;
end $$;
create trigger ledger_entry_running_balance before insert on ledger_entry
    for each row execute function ledger_entry_running_balance();

-- the same for what a plan line has paid: each payment records the line's total paid after it
alter table plan_payment add column seq bigserial;
alter table plan_payment add column line_paid_after bigint;
update plan_payment p set line_paid_after = r.running
from (select id, sum(amount_pence) over (partition by line_id order by seq) as running from plan_payment) r
where r.id = p.id;
alter table plan_payment alter column line_paid_after set not null;
create index plan_payment_latest on plan_payment (line_id, seq desc) include (line_paid_after);

create function plan_payment_running_total() returns trigger language plpgsql as $$
begin
    new.line_paid_after := coalesce((select p.line_paid_after from plan_payment p where p.line_id = new.line_id
                                     order by p.seq desc limit 1), 0) + new.amount_pence;
    return new;
end $$;
create trigger plan_payment_running_total before insert on plan_payment
    for each row execute function plan_payment_running_total();

-- every posting balances: checked once per statement that inserts entries (not once per entry at commit). A
-- posting's entries are always written by one statement, so each statement's entries of a posting must sum to zero,
-- and so does every posting.
drop trigger ledger_entry_balances on ledger_entry;
create function ledger_postings_balance() returns trigger language plpgsql as $$
declare
    unbalanced record;
begin
    select posting_id, sum(pence) as total into unbalanced from added group by posting_id having sum(pence) <> 0
    limit 1;
    if found then
        raise exception 'ledger posting % does not balance: its entries sum to % pence', unbalanced.posting_id,
            unbalanced.total;
    end if;
    return null;
end $$;
create trigger ledger_entries_balance after insert on ledger_entry referencing new table as added
    for each statement execute function ledger_postings_balance();
