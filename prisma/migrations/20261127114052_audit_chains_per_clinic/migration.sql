-- The audit trail, chained per clinic.
--
-- Until now every audited write of every clinic took one advisory lock (72530001) to read the trail's last hash
-- and append after it: one queue for the whole network. From here on each clinic's rows form a chain of their own
-- (prevHash = the hash of the clinic's previous row), and rows with no clinic (a failed sign-in for an unknown
-- email) form the "no-clinic" chain. Appending locks only the row's own chain, so writes of different clinics
-- never wait for each other.
--
-- Existing rows are not touched (the table is append-only): they keep their "chain" NULL and still verify as the
-- single chain they were written as. This migration marks where that chain ended (AuditChainCutover), and each new
-- chain's first row links to a genesis hash made from the chain's name and that end, so the single chain's tail
-- is bound into every chain after it (lib/domain/audit-chain.ts, chainGenesisHash).

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chain" TEXT;

-- CreateTable
CREATE TABLE "AuditChainCutover" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLegacyEventId" BIGINT,
    "lastLegacyHash" TEXT NOT NULL,

    CONSTRAINT "AuditChainCutover_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AuditChainCutover_one_row" CHECK ("id" = 1)
);

-- CreateTable
CREATE TABLE "AuditChainCheckpoint" (
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEventId" BIGINT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,

    CONSTRAINT "AuditChainCheckpoint_pkey" PRIMARY KEY ("chain","seq")
);

-- CreateIndex
CREATE INDEX "AuditEvent_chain_id_idx" ON "AuditEvent"("chain", "id");

-- The cut-over is taken under the single chain's lock, so an append already running finishes first and the
-- row recorded here is the single chain's true end. (This script runs as one transaction: prisma.config.ts.)
SELECT pg_advisory_xact_lock(72530001);

INSERT INTO "AuditChainCutover" ("id", "lastLegacyEventId", "lastLegacyHash")
SELECT 1, last."id", COALESCE(last."hash", repeat('0', 64))
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (SELECT "id", "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1) AS last ON true;

-- Every row from now on names its chain. NOT VALID: the rows already there (the single chain, NULL) are not
-- checked, only new ones. It also refuses the one row an append could still try to write the old way: a call of
-- the old function that was already waiting for 72530001 while this ran goes on with the old body after the
-- commit and would link to the single chain; it fails instead, and so does the change it recorded.
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_chain_named" CHECK ("chain" IS NOT NULL) NOT VALID;

-- The same signature, so callers (lib/server/audit/record-audit.ts) do not change.
--
-- The lock: pg_advisory_xact_lock on a 64-bit hash of the chain's name. Transaction-scoped, so it is released at
-- COMMIT or ROLLBACK and works behind a transaction-pooling proxy (PgBouncer in transaction mode); it adds no row
-- to write on every append, as a per-clinic head table would (an UPDATE of one hot row per audited write), and
-- keeps no state beside the trail that could disagree with it. Two chains share a lock only if their hashes
-- collide (about 1 in 10^13 for a thousand clinics); they would then take turns, and each chain stays whole.
-- The head is read with the index on ("chain", "id"), in the same statement as the insert, with the lock held.
CREATE OR REPLACE FUNCTION regimen_append_audit_event(
  p_at          TIMESTAMP(3),
  p_actor_id    TEXT,
  p_clinic_id   TEXT,
  p_action      TEXT,
  p_entity_type TEXT,
  p_entity_id   TEXT,
  p_patient_id  TEXT,
  p_outcome     TEXT,
  p_ip          TEXT,
  p_before      JSONB,
  p_after       JSONB,
  p_hash_prefix TEXT
) RETURNS VOID AS $$
DECLARE
  chain_name TEXT := COALESCE(p_clinic_id, 'no-clinic');
  previous   TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('regimen-audit-chain:' || chain_name, 0));
  SELECT "hash" INTO previous FROM "AuditEvent" WHERE "chain" = chain_name ORDER BY "id" DESC LIMIT 1;
  IF previous IS NULL THEN
    -- The chain's first row: lib/domain/audit-chain.ts, chainGenesisHash, computes the same value.
    SELECT encode(sha256(convert_to(
             'regimen-audit-chain/2' || E'\n' || chain_name || E'\n' || COALESCE(c."lastLegacyEventId"::text, '') || E'\n' || c."lastLegacyHash",
             'UTF8')), 'hex')
      INTO previous FROM "AuditChainCutover" AS c WHERE c."id" = 1;
    IF previous IS NULL THEN
      RAISE EXCEPTION 'the audit chain cut-over record is missing' USING ERRCODE = 'data_exception';
    END IF;
  END IF;
  INSERT INTO "AuditEvent" ("at", "actorId", "clinicId", "action", "entityType", "entityId", "patientId", "outcome", "ip", "before", "after", "prevHash", "hash", "chain")
  VALUES (p_at, p_actor_id, p_clinic_id, p_action, p_entity_type, p_entity_id, p_patient_id, p_outcome, p_ip, p_before, p_after,
          previous, encode(sha256(convert_to(p_hash_prefix || previous || '"}', 'UTF8')), 'hex'), chain_name);
END;
$$ LANGUAGE plpgsql VOLATILE;

-- The cut-over and the chains' checkpoints are append-only, as the trail is (regimen_reject_change, first migration).
CREATE TRIGGER "AuditChainCutover_append_only"
  BEFORE UPDATE OR DELETE ON "AuditChainCutover"
  FOR EACH ROW EXECUTE FUNCTION regimen_reject_change();
CREATE TRIGGER "AuditChainCutover_no_truncate"
  BEFORE TRUNCATE ON "AuditChainCutover"
  FOR EACH STATEMENT EXECUTE FUNCTION regimen_reject_change();
CREATE TRIGGER "AuditChainCheckpoint_append_only"
  BEFORE UPDATE OR DELETE ON "AuditChainCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION regimen_reject_change();
CREATE TRIGGER "AuditChainCheckpoint_no_truncate"
  BEFORE TRUNCATE ON "AuditChainCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION regimen_reject_change();

-- The single chain is closed: its checkpoints stay, and no new one may be signed over rows that are no longer
-- its own (an app process still running the old code would try; it logs a warning instead).
CREATE FUNCTION regimen_reject_single_chain_checkpoint() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the single audit chain was closed at the cut-over: checkpoints are signed per chain (AuditChainCheckpoint)'
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditCheckpoint_closed"
  BEFORE INSERT ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION regimen_reject_single_chain_checkpoint();
