-- Issue 22: the placements list and a placement's page counted the episodes of each placement under
-- row-level security, one scope check per episode (46,672 at scale 100: over half a second). Each child's
-- episodes at a placement are counted first, then the scope is checked once per child and reporting agency
-- with the very rule of missing_episode_read (the person may be seen by scope, as migration 029's
-- lantern_may_see_person_by_scope; and case:read, or the caller's agency reported the episode and may work cases).
-- test/missing/placement-scope.test.ts compares it with the policy over several principals.
-- Everything the counts read from an episode, so that they come from the index alone.
CREATE INDEX missing_episode_placement_children
  ON missing_episode (placement_id, person_id, reported_by_agency_id, reported_at) WHERE placement_id IS NOT NULL;

CREATE FUNCTION lantern_placement_children(p_placements uuid[], p_since timestamptz)
  RETURNS TABLE (placement_id uuid, person_id uuid, episodes integer, episodes_recent integer,
                 last_reported_at timestamptz)
  -- No JIT: the planner's guess of the children (six times too many) prices the look-ups over its threshold,
  -- and compiling took longer than the query.
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET jit = off AS $$
  SELECT c.placement_id, c.person_id, sum(c.episodes)::int, sum(c.episodes_recent)::int, max(c.last_reported_at)
    FROM (SELECT e.placement_id, e.person_id, e.reported_by_agency_id, count(*) AS episodes,
                 count(*) FILTER (WHERE e.reported_at >= p_since) AS episodes_recent,
                 max(e.reported_at) AS last_reported_at
            FROM missing_episode e
           WHERE e.placement_id = ANY (p_placements)
           GROUP BY e.placement_id, e.person_id, e.reported_by_agency_id) c
   -- One look-up of the child per row (OFFSET 0 keeps it a look-up): the planner, guessing far more rows
   -- than there are children, otherwise read every person to hash them.
   CROSS JOIN LATERAL (SELECT lantern_may_see_person(p) AS by_scope FROM person p WHERE p.id = c.person_id
                        OFFSET 0) v
   WHERE lantern_purpose() = 'system'
      OR (v.by_scope
          AND ((SELECT lantern_has_permission('case:read'))
               OR (c.reported_by_agency_id = lantern_agency_id() AND lantern_has_permission('case:work'))))
   GROUP BY c.placement_id, c.person_id
$$;
REVOKE ALL ON FUNCTION lantern_placement_children(uuid[], timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_placement_children(uuid[], timestamptz) TO lantern_app;
