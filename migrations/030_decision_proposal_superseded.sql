-- A manager may record a MASH decision while a practitioner's proposal waits (they decided otherwise, or
-- the proposal came in as they decided). The proposal then no longer awaits anyone: it is SUPERSEDED by the
-- decision, with who recorded it and when, so that the proposer is told and no list shows it as waiting.
ALTER TABLE decision_proposal DROP CONSTRAINT decision_proposal_status_check;
ALTER TABLE decision_proposal ADD CONSTRAINT decision_proposal_status_check
  CHECK (status IN ('PROPOSED', 'APPROVED', 'RETURNED', 'SUPERSEDED'));
-- Proposals left waiting on episodes already decided.
UPDATE decision_proposal d
   SET status = 'SUPERSEDED', reviewed_by = x.decided_by, reviewed_by_label = x.decided_by_label,
       reviewed_at = x.decided_at
  FROM mash_decision x
 WHERE x.episode_id = d.episode_id AND d.status = 'PROPOSED';
