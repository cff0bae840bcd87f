-- a line whose money was withdrawn and that no other contribution could take over waits for re-planning
alter table plan_line drop constraint plan_line_status;
alter table plan_line add constraint plan_line_status check (status in ('PROPOSED', 'APPROVED', 'REFUSED', 'REPLAN'));
