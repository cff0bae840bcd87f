-- A review's own reference (the web form's, or a QuestionnaireResponse's identifier): a review sent again with the
-- same reference is the one already recorded.
alter table outcome_review add column reference varchar(300);
create unique index outcome_review_reference on outcome_review (person_id, reference) where reference is not null;
