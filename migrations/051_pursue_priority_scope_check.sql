-- Decision 0042: a reading walks the kept scores from the top and checks each person's scope until it has
-- a page. Once the analysts' branch joined the policy (migration 049), the planner turned the person check
-- under the OR into a hashed subplan: every person the reader may see, hashed first (690 ms at scale 100)
-- for a page of 50. One opaque function per row instead (as the match queue does, migration 029), which
-- the planner cannot hash: the walk stops after the page.
ALTER POLICY pursue_priority_fact_read ON pursue_priority_fact USING (
  lantern_purpose() = 'system'
  OR lantern_has_permission('analysis:read')
  OR (lantern_has_permission('case:work') AND lantern_may_see_person_by_scope(pursue_priority_fact.person_id)));
