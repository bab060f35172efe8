-- Tamper evidence for the audit trail: a sealer gives each event a sequence number and the hash of
-- its content chained to the previous event's hash. audit_chain holds the head of the chain.
ALTER TABLE ${prefix}audit_events ADD COLUMN seq BIGINT;
CREATE UNIQUE INDEX ${prefix}ux_audit_events_seq ON ${prefix}audit_events (seq);
CREATE TABLE ${prefix}audit_chain (
  id        INT      NOT NULL PRIMARY KEY,
  seq       BIGINT   NOT NULL,
  last_hash CHAR(64) NOT NULL,
  CONSTRAINT ${prefix}ck_audit_chain_single CHECK (id = 1)
);
INSERT INTO ${prefix}audit_chain (id, seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
