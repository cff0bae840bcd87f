-- A family case may say its budget is shared: the family then has one pooled budget, and a plan for any member may be
-- funded from any member's contributions (each within its own funding rules). Who decided it, when and why is kept.
alter table family_case add column budget_shared boolean not null default false;
alter table family_case add column budget_shared_by varchar(200);
alter table family_case add column budget_shared_at timestamptz;
alter table family_case add column budget_shared_reason text;
