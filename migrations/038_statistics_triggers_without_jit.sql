-- The statistics triggers run small statements over the rows a statement changed, but during a load those
-- tables grow inside one transaction with no statistics, so the planner's costs are wild guesses (billions)
-- and PostgreSQL's JIT compiler, which starts above a cost, compiled each one: 480 ms of compilation for a
-- query that then ran in 3 ms, once per chunk in several triggers (loader benchmark, PostgreSQL 15, scale 3:
-- 2 of the load's 5.6 seconds). JIT never pays for these statements; it stays on for everything else (the
-- briefing's reads). PGlite has no JIT: the setting changes nothing there.
ALTER FUNCTION lantern_victim_referral_facts() SET jit = off;
ALTER FUNCTION lantern_suspect_referral_facts() SET jit = off;
ALTER FUNCTION lantern_victim_referral_facts_at_referral() SET jit = off;
ALTER FUNCTION lantern_briefing_victim_changed() SET jit = off;
ALTER FUNCTION lantern_briefing_suspect_changed() SET jit = off;
ALTER FUNCTION lantern_briefing_episode_changed() SET jit = off;
ALTER FUNCTION lantern_briefing_disposal_changed() SET jit = off;
ALTER FUNCTION lantern_briefing_link_changed() SET jit = off;
ALTER FUNCTION lantern_briefing_person_changed() SET jit = off;
ALTER FUNCTION lantern_briefing_fact_changed() SET jit = off;
ALTER FUNCTION lantern_missing_episode_changed() SET jit = off;
ALTER FUNCTION lantern_interview_settled_refresh() SET jit = off;
ALTER FUNCTION lantern_referral_missing_refresh(uuid[], uuid[]) SET jit = off;
