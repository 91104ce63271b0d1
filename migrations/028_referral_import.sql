-- Import of history (issue 15 item 5, decision 0026): a partnership starting on Lantern loads its past victim
-- (and suspect) referrals, with their MASH outcomes at their real decision times, through the same tables as live ones (so
-- the briefing's kept counts, migration 011, count them). An imported referral keeps where it came from: the
-- source system's name and reference (unique together, which makes a re-run idempotent), a fingerprint of the
-- row as imported (so a changed row for a known reference is reported, never applied twice), the batch and
-- when it was imported. Live referrals leave all five null.
ALTER TABLE victim_referral
  ADD COLUMN import_system text,
  ADD COLUMN import_reference text,
  ADD COLUMN import_fingerprint text,
  ADD COLUMN import_batch uuid,
  ADD COLUMN imported_at timestamptz,
  ADD CONSTRAINT victim_referral_import_complete CHECK (
    (import_system IS NULL AND import_reference IS NULL AND import_fingerprint IS NULL AND import_batch IS NULL
      AND imported_at IS NULL)
    OR (import_system IS NOT NULL AND import_reference IS NOT NULL AND import_fingerprint IS NOT NULL
      AND import_batch IS NOT NULL AND imported_at IS NOT NULL));

CREATE UNIQUE INDEX victim_referral_import_reference ON victim_referral (import_system, import_reference)
  WHERE import_reference IS NOT NULL;

-- Past suspect and offender referrals, the same way.
ALTER TABLE suspect_referral
  ADD COLUMN import_system text,
  ADD COLUMN import_reference text,
  ADD COLUMN import_fingerprint text,
  ADD COLUMN import_batch uuid,
  ADD COLUMN imported_at timestamptz,
  ADD CONSTRAINT suspect_referral_import_complete CHECK (
    (import_system IS NULL AND import_reference IS NULL AND import_fingerprint IS NULL AND import_batch IS NULL
      AND imported_at IS NULL)
    OR (import_system IS NOT NULL AND import_reference IS NOT NULL AND import_fingerprint IS NOT NULL
      AND import_batch IS NOT NULL AND imported_at IS NOT NULL));

CREATE UNIQUE INDEX suspect_referral_import_reference ON suspect_referral (import_system, import_reference)
  WHERE import_reference IS NOT NULL;

-- `referral:import` is a case permission (it writes referrals and decisions): the database's copy of the case
-- permissions (migration 014) gains it, so an unapproved grant of it is refused like any other.
CREATE OR REPLACE FUNCTION lantern_case_permissions() RETURNS text[] LANGUAGE sql IMMUTABLE AS
  $$ SELECT ARRAY['people:merge', 'people:dedupe', 'referral:create', 'referral:read-own-agency', 'referral:import',
                  'case:read', 'case:search', 'mash:triage', 'mash:contribute', 'mash:decide', 'mash:share',
                  'case:work', 'analysis:read'] $$;
