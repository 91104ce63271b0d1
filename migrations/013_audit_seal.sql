-- The audit chain is sealed with a key the database never holds (src/platform/audit/key.ts): every event
-- from here on carries seal = HMAC(key, hash). Events already in the log stay hash-chained only (the app
-- role could never change them: it may only insert); audit_anchor records where sealing began, and only
-- the owner can move it.
ALTER TABLE audit_event ADD COLUMN seal text;
-- NOT VALID: enforced for every new row, not checked against the rows that predate sealing.
ALTER TABLE audit_event ADD CONSTRAINT audit_event_sealed CHECK (seal IS NOT NULL AND length(seal) = 64) NOT VALID;

CREATE TABLE audit_anchor (
  id integer PRIMARY KEY CHECK (id = 1),
  sealed_from_seq bigint NOT NULL
);
INSERT INTO audit_anchor SELECT 1, last_seq + 1 FROM audit_chain_head;
GRANT SELECT ON audit_anchor TO lantern_app;
