-- why an identifier an agency sent was not used for linking (a bad check digit, a prefix DWP never issues...)
alter table source_record add column identifier_problems text;
