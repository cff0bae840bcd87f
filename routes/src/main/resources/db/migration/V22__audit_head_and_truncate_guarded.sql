-- The audit cannot be emptied with TRUNCATE, and the chain's head only moves forward (never deleted, never rewound):
-- removing entries and rewinding the head to hide it takes switching PostgreSQL's triggers off, which a verify
-- after the fact still cannot tell from nothing, so the head is also written to the hub's log on every verify.
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_append_only();

create function audit_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or new.seq < old.seq then
        raise exception 'the audit chain head only moves forward: % refused', tg_op;
    end if;
    return new;
end $$;
create trigger audit_chain_head_forward_only before update or delete on audit_chain_head
    for each row execute function audit_head_forward_only();
create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
    for each statement execute function audit_append_only();
