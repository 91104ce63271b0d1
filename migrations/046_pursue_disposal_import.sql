-- Issue 17 item 7, in part (decision 0041): police disposals imported from the force's own systems (CSV
-- through `lantern import disposals`, or `POST /api/v1/imports/disposals`). Each imported tactic keeps the
-- police system's reference of the disposal: unique for the importing agency, so that a file sent twice
-- adds nothing the second time (a row whose reference the agency already holds is reported, not added).
-- A tactic recorded through the pages has none. The grants and row-level security of `disposal`
-- (migrations 009 and 040) already cover the column: it is written on insert, by the agency it names.

ALTER TABLE disposal
  ADD COLUMN source_reference text CHECK (length(source_reference) BETWEEN 1 AND 100),
  -- The reference is the agency's: without an agency it would be unique for nobody.
  ADD CONSTRAINT disposal_source_reference_agency CHECK (source_reference IS NULL OR agency_id IS NOT NULL);

CREATE UNIQUE INDEX disposal_source_reference ON disposal (agency_id, source_reference)
  WHERE source_reference IS NOT NULL;
