import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AUDIT_GENESIS_HASH, auditHashPrefix, hashAuditEvent, hashFromPrefix, verifyAuditChain, type AuditContent, type StoredAuditEvent } from './audit-chain';
import { canonicalJson, sha256Hex } from './content-hash';

const nullableText = fc.option(fc.string({ maxLength: 40 }), { nil: null });
const json = fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: null });

const content: fc.Arbitrary<AuditContent> = fc.record({
  at: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
  actorId: nullableText,
  clinicId: nullableText,
  action: fc.string({ minLength: 1, maxLength: 30 }),
  entityType: nullableText,
  entityId: nullableText,
  patientId: nullableText,
  outcome: fc.constantFrom('SUCCESS', 'FAILURE', 'DENIED'),
  ip: nullableText,
  // Stored JSON: what the database gives back (no -0, which JSON cannot keep apart from 0).
  before: json.map((value) => (value === null ? null : (JSON.parse(JSON.stringify(value)) as unknown))),
  after: json.map((value) => (value === null ? null : (JSON.parse(JSON.stringify(value)) as unknown))),
});

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

function chainOf(contents: AuditContent[]): StoredAuditEvent[] {
  let prevHash = AUDIT_GENESIS_HASH;
  return contents.map((row, index) => {
    const hash = hashAuditEvent(row, prevHash);
    const stored = { ...row, id: index + 1, prevHash, hash };
    prevHash = hash;
    return stored;
  });
}

describe('hashAuditEvent', () => {
  it('is SHA-256 of the canonical JSON of the content with the previous hash', () => {
    const row: AuditContent = {
      at: new Date('2026-11-25T08:00:00.123Z'),
      actorId: 'u1',
      clinicId: 'c1',
      action: 'portal.read',
      entityType: 'Patient',
      entityId: 'p1',
      patientId: 'p1',
      outcome: 'SUCCESS',
      ip: null,
      before: null,
      after: { pain: 3 },
    };
    const expected = sha256Hex(
      '{"action":"portal.read","actorId":"u1","after":{"pain":3},"at":"2026-11-25T08:00:00.123Z","before":null,"clinicId":"c1",' +
        `"entityId":"p1","entityType":"Patient","ip":null,"outcome":"SUCCESS","patientId":"p1","prevHash":"${AUDIT_GENESIS_HASH}"}`,
    );
    expect(hashAuditEvent(row, AUDIT_GENESIS_HASH)).toBe(expected);
  });
});

describe('auditHashPrefix (what the database finishes hashing)', () => {
  it('gives the same hash as hashAuditEvent for any content and previous hash', () => {
    fc.assert(
      fc.property(content, hex64, (row, prevHash) => {
        expect(hashFromPrefix(auditHashPrefix(row), prevHash)).toBe(hashAuditEvent(row, prevHash));
      }),
    );
  });

  it('is the canonical JSON up to the previous hash, so the database only appends the hash and "}', () => {
    fc.assert(
      fc.property(content, hex64, (row, prevHash) => {
        const whole = canonicalJson({ ...row, at: row.at.toISOString(), prevHash });
        expect(whole).toBe(`${auditHashPrefix(row)}${prevHash}"}`);
      }),
    );
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and counts every row', () => {
    fc.assert(
      fc.property(fc.array(content, { maxLength: 8 }), (contents) => {
        expect(verifyAuditChain(chainOf(contents))).toEqual({ ok: true, checked: contents.length });
      }),
    );
  });

  it('reports the first row whose content was changed', () => {
    fc.assert(
      fc.property(fc.array(content, { minLength: 1, maxLength: 8 }), fc.nat(), (contents, pick) => {
        const rows = chainOf(contents);
        const index = pick % rows.length;
        rows[index] = { ...rows[index]!, action: `${rows[index]!.action}!` };
        expect(verifyAuditChain(rows)).toEqual({ ok: false, checked: index, brokenAtId: String(index + 1), reason: 'content does not match its hash' });
      }),
    );
  });

  it('reports a deleted row at the row after it', () => {
    const rows = chainOf(Array.from({ length: 4 }, (_, index) => ({ at: new Date(0), actorId: null, clinicId: null, action: `a${index}`, entityType: null, entityId: null, patientId: null, outcome: 'SUCCESS', ip: null, before: null, after: null })));
    rows.splice(1, 1);
    expect(verifyAuditChain(rows)).toEqual({ ok: false, checked: 1, brokenAtId: '3', reason: 'does not link to the row before it' });
  });
});
