-- Reassessments due (the reassessments page and the case-working team's My work) read the children whose CSE
-- review falls by a date: an index on the due date instead of scanning every person (and checking the
-- reader's scope on each) at every request.
CREATE INDEX person_cse_review_due ON person (cse_review_due) WHERE cse_review_due IS NOT NULL AND merged_into IS NULL;
