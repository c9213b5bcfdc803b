-- Appending to the audit chain in one statement.
--
-- A row's hash is SHA-256 of the canonical JSON of its content with "prevHash" added (lib/domain/audit-chain.ts).
-- The keys are sorted and "prevHash" sorts last, so that JSON is <every other field>,"prevHash":"<prev>"}.
-- The application sends everything before the previous hash (p_hash_prefix); this function takes the chain's
-- lock, reads the last hash and finishes the hash here. Reading the head and inserting used to be three round
-- trips with the lock held; now the lock is held for this one statement (plus the rest of the caller's
-- transaction, when there is one), so concurrent page views no longer queue behind each other's network waits.
--
-- Each statement of a VOLATILE PL/pgSQL function takes a new snapshot (READ COMMITTED), so the SELECT after the
-- lock sees the row the previous holder committed.
CREATE FUNCTION regimen_append_audit_event(
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
  previous TEXT;
BEGIN
  -- The same lock key the application used before this function existed (lib/server/audit/record-audit.ts).
  PERFORM pg_advisory_xact_lock(72530001);
  SELECT "hash" INTO previous FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1;
  previous := COALESCE(previous, repeat('0', 64));
  INSERT INTO "AuditEvent" ("at", "actorId", "clinicId", "action", "entityType", "entityId", "patientId", "outcome", "ip", "before", "after", "prevHash", "hash")
  VALUES (p_at, p_actor_id, p_clinic_id, p_action, p_entity_type, p_entity_id, p_patient_id, p_outcome, p_ip, p_before, p_after,
          previous, encode(sha256(convert_to(p_hash_prefix || previous || '"}', 'UTF8')), 'hex'));
END;
$$ LANGUAGE plpgsql VOLATILE;
