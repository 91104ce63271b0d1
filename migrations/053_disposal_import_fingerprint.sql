-- An imported disposal keeps a fingerprint of the row it came from (the police reference's other details,
-- as read: person, tactic, dates, sentence, conditions, child, issuing officer), so that a file sent again
-- with a row changed in the force's system is reported as changed, not passed over as "already imported"
-- (before this, a correction there never reached Lantern and nobody was told). The tactic itself is not
-- changed by an import: the report names the row, and the register's page records what changed. Tactics
-- imported before this migration have none, and a row matching one is reported as already imported, as
-- before. Written on insert, by the agency it names (the table's grants and policies cover the column).
ALTER TABLE disposal
  ADD COLUMN source_fingerprint text CHECK (source_fingerprint ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT disposal_source_fingerprint_reference
    CHECK (source_fingerprint IS NULL OR source_reference IS NOT NULL);
