-- The facts at the referral (migration 027) asked, for every referral written, which episodes the child and
-- everyone merged into the child had had by then: a recursive query per row, which made bulk loads of
-- referrals several times slower (the loader writes a chunk's referrals before its episodes, so none are
-- found). A child with no episodes of its own and nobody merged into it has neither fact; only the others
-- go through `lantern_child_missing_at`. Two index probes instead of a recursive query; the same values.
CREATE OR REPLACE FUNCTION lantern_victim_referral_facts_at_referral() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  dob date;
BEGIN
  IF EXISTS (SELECT 1 FROM missing_episode e WHERE e.person_id = NEW.person_id)
     OR EXISTS (SELECT 1 FROM person p WHERE p.merged_into = NEW.person_id) THEN
    SELECT f.repeat_missing, f.more_than_once
      INTO NEW.child_repeat_missing_at_referral, NEW.child_missing_more_than_once_at_referral
      FROM lantern_child_missing_at(NEW.person_id, NEW.received_at) f;
  ELSE
    NEW.child_repeat_missing_at_referral := false;
    NEW.child_missing_more_than_once_at_referral := false;
  END IF;
  IF TG_OP = 'UPDATE' AND lantern_uk_day(NEW.received_at) IS DISTINCT FROM lantern_uk_day(OLD.received_at) THEN
    SELECT s.dob INTO dob FROM source_record s WHERE s.id = NEW.child_source_record_id;
    IF dob IS NOT NULL THEN
      NEW.child_age := extract(year FROM age(lantern_uk_day(NEW.received_at), dob))::integer;
    END IF;
  END IF;
  RETURN NEW;
END $$;
