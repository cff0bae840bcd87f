-- Plans are revised as life changes: a revision is a new version of the plan. A line carried over unchanged keeps its
-- funder's approval and its commitment; a changed line points at the line it replaces (so what was already paid on it
-- this year still counts) and needs its funder's decision again; the version it replaced is superseded and can no
-- longer be decided or paid against.
alter table support_plan add column superseded_by uuid references support_plan (id);
alter table support_plan add column superseded_at timestamptz;
alter table plan_line add column previous_line_id uuid references plan_line (id);
alter table plan_line add column change varchar(10) not null default 'NEW';
alter table plan_line add constraint plan_line_change check (change in ('NEW', 'CHANGED', 'UNCHANGED'));
create index plan_line_previous on plan_line (previous_line_id);
create index plan_line_contribution_status on plan_line (contribution_id, status);
