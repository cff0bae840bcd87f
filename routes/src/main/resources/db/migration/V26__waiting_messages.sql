-- A message that depends on one not applied yet (a council payment on an allocation still on its way) waits for it
-- in the message store, and is applied when it arrives, whatever the order of arrival.
alter table inbound_message drop constraint inbound_message_status;
alter table inbound_message add constraint inbound_message_status
    check (status in ('RECEIVED', 'APPLIED', 'REJECTED', 'FAILED', 'WAITING'));
alter table inbound_message add column waiting_for text;
create index inbound_message_waiting on inbound_message (waiting_for) where status = 'WAITING';

-- What has arrived that a message may wait for (an allocation applied): a message about to wait checks here under
-- the same lock its arrival takes, so it can never start waiting just after what it waits for arrived.
create table inbound_dependency_met (
    dependency text primary key,
    met_at timestamptz not null default now(),
    message_id bigint references inbound_message (id)
);

-- A file the hub was applying when it stopped: nothing of it was applied (one transaction); it is applied again.
alter table inbound_file drop constraint inbound_file_status;
alter table inbound_file add constraint inbound_file_status
    check (status in ('RUNNING', 'DONE', 'REJECTED', 'FAILED', 'INTERRUPTED'));
