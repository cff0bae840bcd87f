-- A message kept exactly as it arrived when its bytes are not the text the store shows (not UTF-8, a NUL, a
-- byte-order mark): payload is then a readable rendering and raw_payload the bytes themselves.
alter table inbound_message add column raw_payload bytea;
