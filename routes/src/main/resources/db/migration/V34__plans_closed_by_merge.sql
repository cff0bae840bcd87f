-- A plan closed because its person was merged into someone with a plan of their own says so, instead of passing for
-- an earlier version of the survivor's plan: a plan's previous version is the one its own person revised.
alter table support_plan add column closed_by_merge uuid references person_merge (id);
update support_plan p set closed_by_merge = m.id from person_merge m where m.closed_plan_id = p.id;
