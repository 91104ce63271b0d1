-- A transfer moves the whole episode to the receiving hub (migration 015), including what later migrations
-- added with the episode's area: the decision proposals (016) and the sharing grants (018). An allocation
-- belongs to the sending hub's people, so a transferred episode arrives unallocated for the receiving hub's
-- manager to allocate.
CREATE OR REPLACE FUNCTION lantern_transfer_episode(episode uuid, new_area text) RETURNS SETOF uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ep record;
BEGIN
  SELECT id, area, referral_id, person_id INTO ep FROM mash_episode WHERE id = episode FOR UPDATE;
  IF NOT FOUND OR NOT (lantern_purpose() = 'system' OR lantern_in_mash(ep.area)) THEN
    RAISE EXCEPTION 'episode % is not held by the caller''s hub', episode USING ERRCODE = '42501';
  END IF;
  UPDATE mash_episode SET area = new_area, hub_to_confirm = false, allocated_to = NULL, allocated_label = NULL,
         allocated_at = NULL
   WHERE id = episode;
  UPDATE rag_change SET area = new_area WHERE episode_id = episode;
  UPDATE research_request SET area = new_area WHERE episode_id = episode;
  UPDATE contribution SET area = new_area WHERE episode_id = episode;
  UPDATE sharing_decision SET area = new_area WHERE episode_id = episode;
  UPDATE sharing_grant SET area = new_area WHERE episode_id = episode;
  UPDATE strategy_discussion SET area = new_area WHERE episode_id = episode;
  UPDATE strategy_action SET area = new_area WHERE episode_id = episode;
  UPDATE decision_proposal SET area = new_area WHERE episode_id = episode;
  UPDATE mash_decision SET area = new_area WHERE episode_id = episode;
  UPDATE victim_referral SET area = new_area WHERE id = ep.referral_id;
  RETURN QUERY SELECT ep.person_id UNION SELECT rp.person_id FROM referral_person rp WHERE rp.referral_id = ep.referral_id;
END $$;
REVOKE ALL ON FUNCTION lantern_transfer_episode(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_transfer_episode(uuid, text) TO lantern_app;
