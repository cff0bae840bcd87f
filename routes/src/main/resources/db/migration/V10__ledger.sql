-- The pooled personal budget's append-only double-entry ledger: the single source of truth for money. A posting is
-- one movement (why, who or which message caused it, when); its entries (integer pence into or out of an account of a
-- contribution) always sum to zero, checked by the database when the transaction commits. Balances are sums of
-- entries, never stored.
create table ledger_posting (
    id                bigserial primary key,
    kind              varchar(30)  not null,
    idempotency_key   varchar(300) not null,
    caused_by         varchar(200) not null,
    message_id        bigint       references inbound_message (id),
    reason            text         not null,
    posted_at         timestamptz  not null default now(),
    constraint ledger_posting_once unique (idempotency_key)
);

create table ledger_entry (
    id               bigserial primary key,
    posting_id       bigint      not null references ledger_posting (id),
    contribution_id  uuid        not null references contribution (id),
    account          varchar(12) not null,
    pence            bigint      not null,
    constraint ledger_entry_account check (account in ('FUNDER', 'AVAILABLE', 'COMMITTED', 'PAID')),
    constraint ledger_entry_not_zero check (pence <> 0)
);
create index ledger_entry_by_contribution on ledger_entry (contribution_id, account);
create index ledger_entry_by_posting on ledger_entry (posting_id);

-- append-only: entries and postings are never changed or removed
create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name;
end $$;
create trigger ledger_posting_append_only before update or delete on ledger_posting
    for each row execute function ledger_append_only();
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_append_only();

-- every posting balances: checked at commit, once all its entries are in
create function ledger_posting_balances() returns trigger language plpgsql as $$
declare
    total bigint;
begin
    select coalesce(sum(pence), 0) into total from ledger_entry where posting_id = new.posting_id;
    if total <> 0 then
        raise exception 'ledger posting % does not balance: its entries sum to % pence', new.posting_id, total;
    end if;
    return null;
end $$;
create constraint trigger ledger_entry_balances after insert on ledger_entry
    deferrable initially deferred for each row execute function ledger_posting_balances();

-- payments a council reports are posted to the ledger, or refused with the reason
alter table council_payment add column status varchar(10) not null default 'POSTED';
alter table council_payment add column refusal text;
alter table council_payment add constraint council_payment_status check (status in ('POSTED', 'REFUSED'));

-- contributions confirmed before the ledger existed: their confirmation is posted now, by the migration
insert into ledger_posting (kind, idempotency_key, caused_by, reason, posted_at)
select 'CONTRIBUTION_CONFIRMED', 'migration:' || c.id, 'migration V10',
       'contribution confirmed before the ledger existed', now()
from contribution c where c.status = 'ACTIVE' and c.amount_pence > 0;
insert into ledger_entry (posting_id, contribution_id, account, pence)
select p.id, c.id, a.account, case a.account when 'FUNDER' then -c.amount_pence else c.amount_pence end
from contribution c
join ledger_posting p on p.idempotency_key = 'migration:' || c.id
cross join (values ('FUNDER'), ('AVAILABLE')) as a (account);
