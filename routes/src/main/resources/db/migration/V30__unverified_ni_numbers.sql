-- An NI number is as verified as the agency that holds it says: the DWP, which issues them, vouches for the one it
-- pays benefits or employment support on; a housing file's or a council's is a claim someone typed. Until now the
-- linker took every valid NI number as proof; it now links on one only when both records have it verified, or when
-- names and birth date corroborate it.
alter table source_record add column ni_verified boolean not null default false;
update source_record set ni_verified = true where ni_number is not null and agency in ('BENEFITS', 'EMPLOYMENT');
