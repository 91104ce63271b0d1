/**
 * The briefing's counts computed straight from the registry tables (the definition the first version of
 * `lantern_briefing_counts` used, before the figures were kept as facts): the oracle that the kept facts
 * must always agree with, whatever changes the registry goes through. The child's missing facts are those
 * at the referral, from the episodes themselves (decision 0025), not the person's flags as they stand.
 */
export const REFERENCE_COUNTS_SQL = `
WITH RECURSIVE params AS (
  SELECT ($1::date)::timestamp AT TIME ZONE 'Europe/London' AS p_from,
         ($2::date + 1)::timestamp AT TIME ZONE 'Europe/London' AS p_to,
         $3::text AS p_area, $4::text AS p_division
), v AS (
  SELECT v.* FROM victim_referral v, params
   WHERE v.received_at >= p_from AND v.received_at < p_to
     AND (p_area IS NULL OR v.area = p_area) AND (p_division IS NULL OR v.division = p_division)
), r AS (
  SELECT v.category AS cat, v.exploitation_model AS model, v.contact_method AS contact,
         coalesce(v.child_gender, 'NOT_RECORDED') AS gender,
         coalesce(v.child_ethnicity, 'NOT_RECORDED') AS ethnicity,
         coalesce(v.child_living_situation, 'NOT_RECORDED') AS living,
         CASE v.child_camhs_contact WHEN true THEN 'YES' WHEN false THEN 'NO' ELSE 'NOT_RECORDED' END AS camhs,
         coalesce(v.child_age::text, 'NOT_RECORDED') AS age,
         coalesce(v.outcome, 'NOT_DECIDED') AS outcome
    FROM v
), episode_of AS (
  -- Every episode with each person it belongs to: its own person and everyone that person was merged
  -- into, at any depth.
  SELECT e.id, e.person_id AS child, e.reported_at FROM missing_episode e
  UNION
  SELECT o.id, p.merged_into, o.reported_at FROM episode_of o JOIN person p ON p.id = o.child
   WHERE p.merged_into IS NOT NULL
), missing_at AS (
  -- The child's missing facts at the referral (the default rule: 3 episodes within 90 days on the London
  -- wall clock, both ends inclusive; more than once: 2 episodes started by then).
  SELECT v.id,
         count(e.id) FILTER (WHERE e.reported_at >= ((v.received_at AT TIME ZONE 'Europe/London')
                                                     - interval '90 days') AT TIME ZONE 'Europe/London') >= 3
           AS repeat_missing,
         count(e.id) >= 2 AS missing_more_than_once
    FROM v LEFT JOIN episode_of e ON e.child = v.person_id AND e.reported_at <= v.received_at
   GROUP BY v.id
), per_child AS (
  SELECT v.person_id, count(*) AS k,
         count(*) FILTER (WHERE m.repeat_missing) AS repeat_missing,
         count(*) FILTER (WHERE m.missing_more_than_once) AS missing_more_than_once,
         count(*) FILTER (WHERE v.outcome = 'S20') AS s20, count(*) FILTER (WHERE v.outcome = 'S31') AS s31,
         count(*) FILTER (WHERE v.outcome IN ('S20', 'S31')) AS s20_or_s31
    FROM v JOIN missing_at m ON m.id = v.id GROUP BY v.person_id
), facts AS (
  SELECT count(*) AS children, count(*) FILTER (WHERE c.k > 1) AS repeat_children,
         coalesce(sum(c.k) FILTER (WHERE c.k > 1), 0) AS repeat_referrals,
         coalesce(sum(c.repeat_missing), 0) AS repeat_missing,
         coalesce(sum(c.missing_more_than_once), 0) AS missing_more_than_once,
         count(*) FILTER (WHERE c.s20 > 0) AS s20_children, count(*) FILTER (WHERE c.s31 > 0) AS s31_children,
         count(*) FILTER (WHERE c.s20_or_s31 > 0) AS s20_or_s31_children
    FROM per_child c
), s AS (
  SELECT coalesce(r.suspect_gender, 'NOT_RECORDED') AS gender,
         coalesce(r.suspect_ethnicity, 'NOT_RECORDED') AS ethnicity,
         coalesce(r.division, 'NOT_RECORDED') AS division,
         CASE WHEN r.suspect_gender = 'FEMALE' THEN r.role END AS female_role, r.status
    FROM suspect_referral r, params
   WHERE r.received_at >= p_from AND r.received_at < p_to
     AND (p_area IS NULL OR r.area = p_area) AND (p_division IS NULL OR r.division = p_division)
), d AS (
  SELECT d.* FROM disposal d LEFT JOIN suspect_referral r ON r.id = d.suspect_referral_id, params
   WHERE d.disposed_at >= (p_from AT TIME ZONE 'Europe/London')::date
     AND d.disposed_at < (p_to AT TIME ZONE 'Europe/London')::date
     AND (p_area IS NULL OR r.area = p_area) AND (p_division IS NULL OR r.division = p_division)
), e AS (
  SELECT coalesce(m.rag, 'NOT_TRIAGED') AS rag, m.decided_at IS NOT NULL AS decided,
         m.decided_at <= m.decision_deadline AS in_day, m.decided_at <= m.rag_deadline AS in_rag
    FROM mash_episode m, params
   WHERE m.received_at >= p_from AND m.received_at < p_to
     AND (p_area IS NULL OR m.area = p_area)
     AND (p_division IS NULL OR EXISTS (SELECT 1 FROM victim_referral v WHERE v.id = m.referral_id
                                        AND v.division = p_division))
)
SELECT CASE WHEN GROUPING(r.cat) = 0 THEN 'referral.category' WHEN GROUPING(r.model) = 0 THEN 'referral.model'
            WHEN GROUPING(r.contact) = 0 THEN 'referral.contact' WHEN GROUPING(r.gender) = 0 THEN 'referral.gender'
            WHEN GROUPING(r.ethnicity) = 0 THEN 'referral.ethnicity' WHEN GROUPING(r.living) = 0 THEN 'referral.living'
            WHEN GROUPING(r.camhs) = 0 THEN 'referral.camhs' WHEN GROUPING(r.age) = 0 THEN 'referral.age'
            WHEN GROUPING(r.outcome) = 0 THEN 'referral.outcome' ELSE 'referral.total' END AS figure,
       coalesce(r.cat, r.model, r.contact, r.gender, r.ethnicity, r.living, r.camhs, r.age, r.outcome, 'ALL') AS category,
       count(*) AS n
  FROM r
 GROUP BY GROUPING SETS ((r.cat), (r.model), (r.contact), (r.gender), (r.ethnicity), (r.living), (r.camhs), (r.age),
                         (r.outcome), ())
UNION ALL
SELECT x.figure, x.category, x.n FROM facts f, LATERAL (VALUES
  ('children.total', 'ALL', f.children),
  ('children.referred_more_than_once', 'CHILDREN', f.repeat_children),
  ('children.referred_more_than_once', 'REFERRALS', f.repeat_referrals),
  ('children.missing', 'REPEAT_MISSING', f.repeat_missing),
  ('children.missing', 'MISSING_MORE_THAN_ONCE', f.missing_more_than_once),
  ('children.outcome', 'S20', f.s20_children),
  ('children.outcome', 'S31', f.s31_children),
  ('children.outcome', 'S20_OR_S31', f.s20_or_s31_children)) AS x(figure, category, n)
UNION ALL
SELECT CASE WHEN GROUPING(s.gender) = 0 THEN 'suspect.gender' WHEN GROUPING(s.female_role) = 0 THEN 'suspect.female_role'
            WHEN GROUPING(s.status) = 0 THEN 'suspect.status'
            WHEN GROUPING(s.ethnicity) = 0 AND GROUPING(s.division) = 0 THEN 'suspect.ethnicity_division'
            WHEN GROUPING(s.ethnicity) = 0 THEN 'suspect.ethnicity' ELSE 'suspect.total' END,
       CASE WHEN GROUPING(s.ethnicity) = 0 AND GROUPING(s.division) = 0 THEN s.ethnicity || '|' || s.division
            ELSE coalesce(s.gender, s.female_role, s.status, s.ethnicity, 'ALL') END,
       count(*)
  FROM s
 GROUP BY GROUPING SETS ((s.gender), (s.female_role), (s.status), (s.ethnicity), (s.ethnicity, s.division), ())
HAVING NOT (GROUPING(s.female_role) = 0 AND s.female_role IS NULL)
UNION ALL
SELECT 'referral.division', coalesce(v.division, 'NOT_RECORDED'), count(*) FROM v GROUP BY 2
UNION ALL
SELECT 'suspect.linked_division', coalesce(v.division, 'NOT_RECORDED'), count(DISTINCT rp.person_id)
  FROM referral_person rp JOIN v ON v.id = rp.referral_id WHERE rp.role = 'SUSPECT' GROUP BY 2
UNION ALL
SELECT 'suspect.linked_total', 'ALL', count(DISTINCT rp.person_id)
  FROM referral_person rp JOIN v ON v.id = rp.referral_id WHERE rp.role = 'SUSPECT'
UNION ALL
SELECT CASE WHEN GROUPING(d.type) = 0 THEN 'disposal.type' ELSE 'disposal.total' END, coalesce(d.type, 'ALL'), count(*)
  FROM d GROUP BY GROUPING SETS ((d.type), ())
UNION ALL
SELECT 'disposal.sentence_months', 'CONVICTION', coalesce(round(sum(d.sentence_months)), 0)::bigint
  FROM d WHERE d.type = 'CONVICTION'
UNION ALL
SELECT x.figure, x.category, x.n FROM (
  SELECT e.rag, count(*) AS received, count(*) FILTER (WHERE e.decided) AS decided,
         count(*) FILTER (WHERE e.in_day) AS in_day, count(*) FILTER (WHERE e.in_rag) AS in_rag
    FROM e GROUP BY GROUPING SETS ((e.rag), ())
) a, LATERAL (VALUES
  ('mash.received', coalesce(a.rag, 'ALL'), a.received),
  ('mash.decided', coalesce(a.rag, 'ALL'), a.decided),
  ('mash.decided_within_one_working_day', coalesce(a.rag, 'ALL'), a.in_day),
  ('mash.decided_within_rag_target', coalesce(a.rag, 'ALL'), a.in_rag)) AS x(figure, category, n)
`;

/** Counts as a sorted `figure:category=n` list without zero counts, for comparing two ways of counting. */
export function countList(counts: ReadonlyMap<string, ReadonlyMap<string, number>>): string[] {
  const out: string[] = [];
  for (const [figure, categories] of counts)
    for (const [category, n] of categories) if (n !== 0) out.push(`${figure}:${category}=${n}`);
  return out.sort();
}
