-- A CQC rating belongs to a location (its location id): two locations with one name no longer overwrite each other.
alter table provider_cqc_rating drop constraint provider_cqc_rating_pkey;
alter table provider_cqc_rating add primary key (location_id);
create index provider_cqc_rating_by_provider on provider_cqc_rating (provider_key, rated_on desc);
