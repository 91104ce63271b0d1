-- Issue 22: "interviews due" and the CSE officer's My work read the open return home interviews. Migration
-- 021 found them by walking every returned episode, oldest first, and looking up its interview: at scale
-- 100 that is 173,789 returned episodes for 390 open interviews (half a second for each list). An episode
-- now carries whether its interview is settled (completed, declined, or decided against), kept by
-- statement triggers on return_home_interview in the same transaction, and a partial index holds only
-- the returned episodes whose interview is still open, in the order the lists read them.
ALTER TABLE missing_episode ADD COLUMN interview_settled boolean NOT NULL DEFAULT false;

UPDATE missing_episode e SET interview_settled = true
  FROM return_home_interview r
 WHERE r.episode_id = e.id
   AND NOT (r.offered AND r.completed_at IS NULL AND r.response IS DISTINCT FROM 'DECLINED');

CREATE INDEX missing_episode_interview_open ON missing_episode (returned_at, id)
  WHERE returned_at IS NOT NULL AND NOT interview_settled;

-- The one rule of an open interview (no record yet, or offered and neither completed nor declined), as
-- migration 021 and src/missing/interview-store.ts state it.
CREATE FUNCTION lantern_interview_is_open(offered boolean, completed_at timestamptz, response text)
  RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT offered AND completed_at IS NULL AND response IS DISTINCT FROM 'DECLINED'
$$;

CREATE FUNCTION lantern_interview_settled_refresh() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE missing_episode e SET interview_settled = false
      FROM old_rows o WHERE e.id = o.episode_id AND e.interview_settled;
  ELSE
    UPDATE missing_episode e
       SET interview_settled = NOT lantern_interview_is_open(n.offered, n.completed_at, n.response)
      FROM new_rows n
     WHERE e.id = n.episode_id
       AND e.interview_settled IS DISTINCT FROM NOT lantern_interview_is_open(n.offered, n.completed_at, n.response);
  END IF;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION lantern_interview_settled_refresh() FROM PUBLIC;

CREATE TRIGGER return_home_interview_settled_inserted AFTER INSERT ON return_home_interview
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_interview_settled_refresh();
CREATE TRIGGER return_home_interview_settled_updated AFTER UPDATE ON return_home_interview
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_interview_settled_refresh();
CREATE TRIGGER return_home_interview_settled_deleted AFTER DELETE ON return_home_interview
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_interview_settled_refresh();

-- Candidates in the lists' order, after the candidate `after_id` (null: from the oldest), from the partial
-- index alone; the caller reads them under row-level security and asks for more while the page is short.
CREATE FUNCTION lantern_open_interview_episode_ids(after_id uuid, max_rows integer) RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(id ORDER BY returned_at, id), '{}') FROM (
    SELECT e.id, e.returned_at FROM missing_episode e
     WHERE e.returned_at IS NOT NULL AND NOT e.interview_settled
       AND (after_id IS NULL
            OR (e.returned_at, e.id) > (SELECT a.returned_at, a.id FROM missing_episode a WHERE a.id = after_id))
     ORDER BY e.returned_at, e.id LIMIT max_rows) open
$$;
REVOKE ALL ON FUNCTION lantern_open_interview_episode_ids(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_open_interview_episode_ids(uuid, integer) TO lantern_app;

DROP FUNCTION lantern_open_interview_episode_ids(integer);
