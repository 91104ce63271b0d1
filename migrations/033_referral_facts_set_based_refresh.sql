-- The statement trigger that counts new referrals works their missing facts out again once their children
-- are locked (migration 027), and so do episode and merge changes: through `lantern_child_missing_at`, one
-- recursive query per referral, which made a bulk load of referrals five times slower in that trigger.
-- The same facts for all the referrals at once: each child with everyone merged into it (at any depth),
-- their episodes begun by each referral's time, counted per referral. As migration 027 otherwise: the
-- people given and those they were merged into, locked as the runs are; only changed facts are written.
CREATE OR REPLACE FUNCTION lantern_referral_missing_refresh(people uuid[], only_referrals uuid[] DEFAULT NULL) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  children uuid[];
BEGIN
  IF coalesce(cardinality(people), 0) = 0 THEN RETURN; END IF;
  WITH RECURSIVE up(id) AS (
    SELECT DISTINCT x FROM unnest(people) x WHERE x IS NOT NULL
    UNION
    SELECT p.merged_into FROM up JOIN person p ON p.id = up.id WHERE p.merged_into IS NOT NULL
  )
  SELECT array_agg(id) INTO children FROM up;
  IF children IS NULL THEN RETURN; END IF;
  LOCK TABLE briefing_run IN ROW EXCLUSIVE MODE;
  PERFORM lantern_briefing_lock_people(children);
  WITH RECURSIVE members(child, id) AS (
    SELECT c, c FROM unnest(children) c
    UNION
    SELECT m.child, p.id FROM members m JOIN person p ON p.merged_into = m.id
  ), referrals AS (
    SELECT r.id, r.person_id, r.received_at, rule.episodes,
           ((r.received_at AT TIME ZONE 'Europe/London') - make_interval(days => rule.window_days))
             AT TIME ZONE 'Europe/London' AS window_from
      FROM victim_referral r CROSS JOIN repeat_missing_rule rule
     WHERE r.person_id = ANY(children) AND (only_referrals IS NULL OR r.id = ANY(only_referrals))
  ), facts AS (
    SELECT f.id,
           count(e.id) FILTER (WHERE e.reported_at >= f.window_from) >= f.episodes AS repeat_missing,
           count(e.id) >= 2 AS more_than_once
      FROM referrals f
      JOIN members m ON m.child = f.person_id
      LEFT JOIN missing_episode e ON e.person_id = m.id AND e.reported_at <= f.received_at
     GROUP BY f.id, f.episodes
  )
  UPDATE victim_referral v
     SET child_repeat_missing_at_referral = f.repeat_missing,
         child_missing_more_than_once_at_referral = f.more_than_once
    FROM facts f
   WHERE v.id = f.id
     AND (v.child_repeat_missing_at_referral, v.child_missing_more_than_once_at_referral)
         IS DISTINCT FROM (f.repeat_missing, f.more_than_once);
END $$;
