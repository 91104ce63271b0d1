-- The synthetic population's ground truth (demo, tests and benchmarks only): which true identity each
-- loaded source record is about, so that identity resolution can be scored against it, and which
-- generator chunks are loaded, so that a load is never applied twice and an interrupted one resumes.
-- Ids and generator keys only, no personal data. Read and written with purpose 'system' only.

CREATE TABLE synth_truth (
  source_record_id uuid PRIMARY KEY REFERENCES source_record (id),
  true_id text NOT NULL
);
CREATE INDEX synth_truth_true_id ON synth_truth (true_id);

CREATE TABLE synth_chunk (
  -- Generator version, seed, period, months, chunk index and fraction: what decides the chunk's content.
  chunk_key text PRIMARY KEY,
  seed integer NOT NULL,
  chunk_index integer NOT NULL,
  source_records integer NOT NULL,
  victim_referrals integer NOT NULL,
  suspect_referrals integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT ON synth_truth, synth_chunk TO lantern_app;

ALTER TABLE synth_truth ENABLE ROW LEVEL SECURITY;
CREATE POLICY synth_truth_system ON synth_truth FOR ALL
  USING (lantern_purpose() = 'system') WITH CHECK (lantern_purpose() = 'system');
ALTER TABLE synth_chunk ENABLE ROW LEVEL SECURITY;
CREATE POLICY synth_chunk_system ON synth_chunk FOR ALL
  USING (lantern_purpose() = 'system') WITH CHECK (lantern_purpose() = 'system');
