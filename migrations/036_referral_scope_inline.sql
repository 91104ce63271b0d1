-- Issue 22: a referral's row-level security called lantern_may_see_referral, a SQL function whose body
-- holds a sub-query (is the child visible?), so it could not be inlined: every row ran the function anew,
-- with the person's own scope and grant check planned again inside it, about 0.3 ms a row (the MASH queue
-- checked 914 referrals at scale 100: 340 ms; the same check written into the policy: 14 ms). The rule is
-- unchanged and now stands in the policies themselves, once, below: the child may be seen (the person's
-- own row-level security), and either the caller's agency referred and may read its own referrals or
-- cases, or the caller reads cases in the referral's area. test/platform/policy-matches-sql-referrals.test.ts
-- compares it with the access policy (`mayReadRecord`) over generated principals and referrals.
-- OFFSET 0 keeps the child check a look-up per referral read: without it the planner may turn EXISTS into
-- a hashed sub-plan that reads every person under their own scope first (770 ms for a page of 50 referrals
-- at scale 100), while a list reads a page of referrals in the order of an index and stops.
DO $$
DECLARE
  scope CONSTANT text := $s$lantern_purpose() = 'system' OR (
    EXISTS (SELECT 1 FROM person p WHERE p.id = %1$I.person_id OFFSET 0)
    AND ((%1$I.referring_agency_id = lantern_agency_id()
          AND (lantern_has_permission('referral:read-own-agency') OR lantern_has_permission('case:read')))
      OR (lantern_has_permission('case:read') AND %1$I.area = ANY (lantern_areas()))))$s$;
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['victim_referral', 'suspect_referral'] LOOP
    EXECUTE format('ALTER POLICY %I ON %I USING (%s)', t || '_read', t, format(scope, t));
    EXECUTE format('ALTER POLICY %I ON %I USING (lantern_has_permission(''people:merge'') AND (%s))',
                   t || '_merge', t, format(scope, t));
  END LOOP;
  EXECUTE format('ALTER POLICY victim_referral_update ON victim_referral USING (lantern_purpose() = ''system'' OR '
                 '(lantern_has_permission(''mash:decide'') AND (%s)))', format(scope, 'victim_referral'));
END $$;

DROP FUNCTION lantern_may_see_referral(uuid, uuid, text);
