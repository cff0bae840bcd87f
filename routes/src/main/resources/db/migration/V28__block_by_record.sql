-- A record's blocking keys are found by the record when it changes and is indexed again (a council client first
-- named in someone's household, then sent with their own details): without this index each such change read the
-- whole table (600,000 rows after a council's 100,000 clients), and so did a cascade from a deleted record.
create index source_record_block_record on source_record_block (source_record_id);
