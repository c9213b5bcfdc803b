import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AUDIT_GENESIS_HASH,
  auditChainOf,
  auditHashPrefix,
  chainGenesisHash,
  hashAuditEvent,
  hashFromPrefix,
  NO_CLINIC_CHAIN,
  verifyAuditChain,
  verifyAuditChains,
  type AuditContent,
  type AuditCutover,
  type StoredAuditEvent,
} from './audit-chain';
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
        expect(verifyAuditChain(rows)).toEqual({ ok: false, checked: index, brokenAtId: String(index + 1), reason: 'its content does not match its hash' });
      }),
    );
  });

  it('reports a deleted row at the row after it', () => {
    const rows = chainOf(Array.from({ length: 4 }, (_, index) => ({ at: new Date(0), actorId: null, clinicId: null, action: `a${index}`, entityType: null, entityId: null, patientId: null, outcome: 'SUCCESS', ip: null, before: null, after: null })));
    rows.splice(1, 1);
    expect(verifyAuditChain(rows)).toEqual({ ok: false, checked: 1, brokenAtId: '3', reason: 'it does not link to the row before it' });
  });
});

const cutover: AuditCutover = { lastLegacyEventId: '41', lastLegacyHash: 'a'.repeat(64) };

/** Rows of several clinics (and none) interleaved by id, each chained to its own clinic's previous row. */
function interleaved(clinics: Array<string | null>): StoredAuditEvent[] {
  const heads = new Map<string, string>();
  return clinics.map((clinicId, index) => {
    const chain = auditChainOf(clinicId);
    const prevHash = heads.get(chain) ?? chainGenesisHash(chain, cutover);
    const row: AuditContent = { at: new Date(Date.UTC(2026, 10, 28, 9, 0, index)), actorId: null, clinicId, action: 'patient.read', entityType: null, entityId: String(index), patientId: null, outcome: 'SUCCESS', ip: null, before: null, after: null };
    const hash = hashAuditEvent(row, prevHash);
    heads.set(chain, hash);
    return { ...row, id: 42 + index, prevHash, hash, chain };
  });
}

const clinicIds = fc.array(fc.constantFrom<string | null>('clinicA', 'clinicB', 'clinicC', null), { maxLength: 30 });

describe('per-clinic chains', () => {
  it('a row with no clinic goes to the no-clinic chain, any other to its clinic\'s', () => {
    expect(auditChainOf(null)).toBe(NO_CLINIC_CHAIN);
    expect(auditChainOf('clinicA')).toBe('clinicA');
  });

  it("a chain's genesis is SHA-256 of its name and the single chain's end at the cut-over, as the database computes it", () => {
    expect(chainGenesisHash('clinicA', cutover)).toBe(sha256Hex(`regimen-audit-chain/2\nclinicA\n41\n${'a'.repeat(64)}`));
    expect(chainGenesisHash('clinicA', { lastLegacyEventId: null, lastLegacyHash: AUDIT_GENESIS_HASH })).toBe(sha256Hex(`regimen-audit-chain/2\nclinicA\n\n${AUDIT_GENESIS_HASH}`));
    // Another chain, or another end of the single chain, is another start.
    expect(chainGenesisHash('clinicB', cutover)).not.toBe(chainGenesisHash('clinicA', cutover));
    expect(chainGenesisHash('clinicA', { ...cutover, lastLegacyHash: 'b'.repeat(64) })).not.toBe(chainGenesisHash('clinicA', cutover));
  });

  it('rows of clinics interleaved in any order: every chain verifies on its own, with every row counted once', () => {
    fc.assert(
      fc.property(clinicIds, (clinics) => {
        const rows = interleaved(clinics);
        const verdicts = verifyAuditChains(rows, cutover);
        expect([...verdicts.values()].every((verdict) => verdict.ok)).toBe(true);
        expect([...verdicts.values()].reduce((sum, verdict) => sum + verdict.checked, 0)).toBe(rows.length);
        expect(new Set(verdicts.keys())).toEqual(new Set(clinics.map(auditChainOf)));
      }),
    );
  });

  it("a row changed in one clinic's chain breaks that chain at that row, and every other chain still verifies", () => {
    fc.assert(
      fc.property(clinicIds.filter((clinics) => clinics.length > 0), fc.nat(), (clinics, pick) => {
        const rows = interleaved(clinics);
        const index = pick % rows.length;
        rows[index] = { ...rows[index]!, action: 'plan.approve' };
        const verdicts = verifyAuditChains(rows, cutover);
        const tampered = auditChainOf(clinics[index]!);
        expect(verdicts.get(tampered)).toMatchObject({ ok: false, brokenAtId: String(rows[index]!.id), reason: 'its content does not match its hash' });
        for (const [chain, verdict] of verdicts) if (chain !== tampered) expect(verdict.ok).toBe(true);
      }),
    );
  });

  it("a row deleted from one clinic's chain is reported at that clinic's next row", () => {
    const rows = interleaved(['clinicA', 'clinicB', 'clinicA', 'clinicB', 'clinicA']);
    const verdicts = verifyAuditChains(rows.filter((row) => row.id !== 44), cutover);
    expect(verdicts.get('clinicA')).toEqual({ ok: false, checked: 1, brokenAtId: '46', reason: 'it does not link to the row before it' });
    expect(verdicts.get('clinicB')).toEqual({ ok: true, checked: 2 });
  });

  it("a row filed under another clinic's chain, or whose clinic was changed, is not that chain's", () => {
    const rows = interleaved(['clinicA', 'clinicA', 'clinicB']);
    const moved = rows.map((row) => (row.id === 43 ? { ...row, chain: 'clinicB' } : row));
    expect(verifyAuditChain(moved.filter((row) => row.chain === 'clinicB'), chainGenesisHash('clinicB', cutover), 'clinicB')).toMatchObject({ ok: false, brokenAtId: '43', reason: "it belongs to another clinic's chain" });
    const relabelled = rows.map((row) => (row.id === 43 ? { ...row, clinicId: 'clinicB' } : row));
    expect(verifyAuditChain(relabelled.filter((row) => row.chain === 'clinicA'), chainGenesisHash('clinicA', cutover), 'clinicA')).toMatchObject({ ok: false, brokenAtId: '43' });
  });

  it("the single chain's rows (no chain name) verify from the zero genesis, beside the per-clinic chains", () => {
    const single = chainOf([0, 1, 2].map((index) => ({ at: new Date(index), actorId: null, clinicId: index === 1 ? 'clinicA' : null, action: 'a', entityType: null, entityId: null, patientId: null, outcome: 'SUCCESS', ip: null, before: null, after: null })));
    const verdicts = verifyAuditChains([...single.map((row) => ({ ...row, chain: null })), ...interleaved(['clinicA'])], cutover);
    expect(verdicts.get(null)).toEqual({ ok: true, checked: 3 });
    expect(verdicts.get('clinicA')).toEqual({ ok: true, checked: 1 });
  });
});
