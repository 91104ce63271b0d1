/** One hash over the loaded population's rows, ids and values: equal for two loads that wrote the same rows. */
export const POPULATION_FINGERPRINT = `SELECT md5(string_agg(x, ',' ORDER BY x)) AS h FROM (
    SELECT id::text || reference || person_id::text || prior_referrals_ever AS x FROM victim_referral
    UNION ALL SELECT id::text || coalesce(forename, '') || array_to_string(areas, '/') FROM person
    UNION ALL SELECT source_record_id::text || true_id FROM synth_truth
    UNION ALL SELECT id::text || stage || coalesce(rag, '') || coalesce(decided_at::text, '') FROM mash_episode
    UNION ALL SELECT id::text || summary || releasable FROM contribution
    UNION ALL SELECT id::text || social_care_outcome || within_standard FROM mash_decision
    UNION ALL SELECT id::text || final_level || answers::text FROM risk_assessment
    UNION ALL SELECT id::text || person_id::text || risk_grade FROM missing_episode
    UNION ALL SELECT id::text || person_id::text || type FROM disposal
    UNION ALL SELECT id::text || repeat_missing || missing_more_than_once || coalesce(cse_risk_level, '') FROM person) t`;
