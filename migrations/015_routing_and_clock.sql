-- Issue 13, items 1 and 3 (docs/decisions/0014-routing-and-the-clock.md): a victim referral goes to the hub
-- of the area where the child lives, found from the outward code of the child's postcode in a table of
-- postcode districts (data, loaded per partnership); with no known postcode it goes to the referrer's area
-- and the hub is asked to confirm it. A hub may transfer an episode to another hub. The MASH clock starts
-- when Lantern receives the referral; the referrer's "concern noticed" time and a partner system's own
-- receipt time are kept apart from it.

-- Postcode district (outward code) -> local authority area (whose hub takes the referral) and police
-- division. Reference data with no person in it: every session reads it; only system work writes it.
CREATE TABLE postcode_district (
  district text PRIMARY KEY CHECK (district ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?$'),
  town text NOT NULL CHECK (length(town) BETWEEN 1 AND 100),
  area text NOT NULL CHECK (length(area) BETWEEN 1 AND 100),
  division text CHECK (length(division) BETWEEN 1 AND 100)
);
GRANT SELECT, INSERT, UPDATE ON postcode_district TO lantern_app;
ALTER TABLE postcode_district ENABLE ROW LEVEL SECURITY;
CREATE POLICY postcode_district_read ON postcode_district FOR SELECT USING (true);
CREATE POLICY postcode_district_insert ON postcode_district FOR INSERT WITH CHECK (lantern_purpose() = 'system');
CREATE POLICY postcode_district_update ON postcode_district FOR UPDATE USING (lantern_purpose() = 'system');

-- The clock: received_at is when Lantern received the referral (the submission). What the referrer said
-- about when the concern was noticed, and a partner system's own receipt time, are kept beside it. Rows
-- made before this migration took the referrer's time as received_at: it is copied as the concern time.
ALTER TABLE victim_referral ADD COLUMN concern_noticed_at timestamptz;
ALTER TABLE victim_referral ADD COLUMN original_received_at timestamptz;
UPDATE victim_referral SET concern_noticed_at = received_at WHERE concern_noticed_at IS NULL;

-- The police division (column from 009) is now filled at intake from the child's home district; a police
-- user may correct it, with a reason (audited; the latest correction is kept here).
ALTER TABLE victim_referral ADD COLUMN division_overridden_at timestamptz;
ALTER TABLE victim_referral ADD COLUMN division_overridden_by_label text;
ALTER TABLE victim_referral ADD COLUMN division_override_reason text
  CHECK (length(division_override_reason) BETWEEN 1 AND 2000);

-- Routed to the referrer's area for want of the child's postcode: the hub confirms it or transfers it.
ALTER TABLE mash_episode ADD COLUMN hub_to_confirm boolean NOT NULL DEFAULT false;

-- Every transfer of an episode between hubs, in order.
CREATE TABLE episode_transfer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  from_area text NOT NULL,
  to_area text NOT NULL CHECK (to_area <> from_area),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  transferred_by uuid,
  transferred_by_label text NOT NULL,
  transferred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX episode_transfer_episode ON episode_transfer (episode_id, transferred_at);
GRANT SELECT, INSERT ON episode_transfer TO lantern_app;
ALTER TABLE episode_transfer ENABLE ROW LEVEL SECURITY;
-- Both hubs keep sight of the transfer; only the hub that holds the episode records one.
CREATE POLICY episode_transfer_read ON episode_transfer FOR SELECT
  USING (lantern_purpose() = 'system' OR lantern_in_mash(from_area) OR lantern_in_mash(to_area));
CREATE POLICY episode_transfer_insert ON episode_transfer FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR lantern_in_mash(from_area));

-- Moves an episode, everything of it that carries the hub's area, and its referral to another hub. A hub
-- member cannot do this under row-level security (the moved rows leave their sight), so it runs as the
-- owner after checking that the caller is in the hub that holds the episode (the application's policy,
-- mayActOnEpisode 'transfer', has decided first). Returns the people on the referral, whose areas the
-- people module then recomputes. A table added later that carries an episode's area must be added here.
CREATE FUNCTION lantern_transfer_episode(episode uuid, new_area text) RETURNS SETOF uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ep record;
BEGIN
  SELECT id, area, referral_id, person_id INTO ep FROM mash_episode WHERE id = episode FOR UPDATE;
  IF NOT FOUND OR NOT (lantern_purpose() = 'system' OR lantern_in_mash(ep.area)) THEN
    RAISE EXCEPTION 'episode % is not held by the caller''s hub', episode USING ERRCODE = '42501';
  END IF;
  UPDATE mash_episode SET area = new_area, hub_to_confirm = false WHERE id = episode;
  UPDATE rag_change SET area = new_area WHERE episode_id = episode;
  UPDATE research_request SET area = new_area WHERE episode_id = episode;
  UPDATE contribution SET area = new_area WHERE episode_id = episode;
  UPDATE sharing_decision SET area = new_area WHERE episode_id = episode;
  UPDATE strategy_discussion SET area = new_area WHERE episode_id = episode;
  UPDATE strategy_action SET area = new_area WHERE episode_id = episode;
  UPDATE mash_decision SET area = new_area WHERE episode_id = episode;
  UPDATE victim_referral SET area = new_area WHERE id = ep.referral_id;
  RETURN QUERY SELECT ep.person_id UNION SELECT rp.person_id FROM referral_person rp WHERE rp.referral_id = ep.referral_id;
END $$;
REVOKE ALL ON FUNCTION lantern_transfer_episode(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_transfer_episode(uuid, text) TO lantern_app;

-- A police user's correction of a referral's division. Only the division columns change; the referrals
-- service has opened the referral under row-level security (so the caller can see it) and the policy
-- (mayOverrideDivision) has decided; the database repeats the essentials: case:read in a police agency.
CREATE FUNCTION lantern_override_division(referral uuid, new_division text, reason text, by_label text)
  RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT (lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
          AND EXISTS (SELECT 1 FROM agency a WHERE a.id = lantern_agency_id() AND a.type = 'POLICE'))) THEN
    RAISE EXCEPTION 'only the police may correct a referral''s division' USING ERRCODE = '42501';
  END IF;
  UPDATE victim_referral SET division = new_division, division_override_reason = reason,
         division_overridden_by_label = by_label, division_overridden_at = now()
   WHERE id = referral;
END $$;
REVOKE ALL ON FUNCTION lantern_override_division(uuid, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_override_division(uuid, text, text, text) TO lantern_app;
