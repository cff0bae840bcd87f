-- A line moved to another provider after the person's notice keeps its money and approval: its change says so.
alter table plan_line alter column change type varchar(20);
alter table plan_line drop constraint plan_line_change;
alter table plan_line add constraint plan_line_change check (change in ('NEW', 'CHANGED', 'UNCHANGED',
    'PROVIDER_SWITCHED'));
