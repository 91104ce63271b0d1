-- Issue 17 (Access: "police CSE teams and analysts work Pursue"). Analysts (analysis:read) read the kept
-- priority facts of the whole partnership, as they read its statistics: the facts hold no name, no date of
-- birth, no address, only counts, days and kinds of record, keyed by an id that opens nothing for them (they
-- hold no case reading, which the person's own row-level security requires). Their priorities page shows
-- each person by a pseudonym; the register stays closed to them.
ALTER POLICY pursue_priority_fact_read ON pursue_priority_fact USING (
  lantern_purpose() = 'system'
  OR lantern_has_permission('analysis:read')
  OR (lantern_has_permission('case:work')
      AND EXISTS (SELECT 1 FROM person p WHERE p.id = pursue_priority_fact.person_id)));
