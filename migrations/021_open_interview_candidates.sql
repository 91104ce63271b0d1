-- Return home interviews still to hold: which returned episodes have no interview completed, declined or
-- decided against. Finding them under row-level security checks the caller's scope on every returned
-- episode ever recorded (a person lookup with its own policies per row: 6 s at scale 100 for a CSE
-- officer's My work). This function finds the candidates without row-level security and answers only
-- their ids; the caller's query then reads those rows under its own policies, so scope still decides what
-- anyone sees. The ids are random and say nothing about a person.
CREATE FUNCTION lantern_open_interview_episode_ids(max_rows integer) RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(id), '{}') FROM (
    SELECT e.id FROM missing_episode e
      LEFT JOIN return_home_interview r ON r.episode_id = e.id
     WHERE e.returned_at IS NOT NULL
       AND (r.episode_id IS NULL OR (r.offered AND r.completed_at IS NULL AND r.response IS DISTINCT FROM 'DECLINED'))
     ORDER BY e.returned_at LIMIT max_rows) open
$$;
REVOKE ALL ON FUNCTION lantern_open_interview_episode_ids(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_open_interview_episode_ids(integer) TO lantern_app;
