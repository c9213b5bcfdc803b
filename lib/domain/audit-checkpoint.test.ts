import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, chainGenesisHash, hashAuditEvent, verifyAuditChain, type AuditCutover, type StoredAuditEvent } from '@/lib/domain/audit-chain';
import {
  CHECKPOINT_GENESIS,
  checkpointStatement,
  describeFinding,
  judgeCheckpoints,
  parseStatement,
  signStatement,
  statementDigest,
  type SignedCheckpoint,
} from '@/lib/domain/audit-checkpoint';

const key = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519');

const CLINIC = 'clinic';
const cutover: AuditCutover = { lastLegacyEventId: null, lastLegacyHash: AUDIT_GENESIS_HASH };

/** A clinic's chain of `count` rows, chained from its genesis hash, as the database function appends them. */
function trail(count: number, changeAt: number | null = null, clinicId = CLINIC): StoredAuditEvent[] {
  const rows: StoredAuditEvent[] = [];
  let prevHash = chainGenesisHash(clinicId, cutover);
  for (let id = 1; id <= count; id += 1) {
    const content = {
      at: new Date(Date.UTC(2026, 10, 27, 9, 0, id)),
      actorId: `user${id % 3}`,
      clinicId,
      action: id === changeAt ? 'plan.approve' : 'patient.read',
      entityType: 'Patient',
      entityId: `patient${id}`,
      patientId: `patient${id}`,
      outcome: 'SUCCESS',
      ip: null,
      before: null,
      after: null,
    };
    const hash = hashAuditEvent(content, prevHash);
    rows.push({ ...content, id, prevHash, hash, chain: clinicId });
    prevHash = hash;
  }
  return rows;
}

/** Checkpoints of a chain signed at these rows, numbered from 1, each naming the one before. */
function checkpointsAt(rows: readonly StoredAuditEvent[], lastIds: readonly number[], privateKey = key.privateKey, chain: string | null = CLINIC): SignedCheckpoint[] {
  const checkpoints: SignedCheckpoint[] = [];
  let prev = CHECKPOINT_GENESIS;
  lastIds.forEach((lastId, index) => {
    const row = rows.find((candidate) => Number(candidate.id) === lastId)!;
    const statement = checkpointStatement({ chain, seq: index + 1, at: '2026-11-27T10:00:00.000Z', lastEventId: String(lastId), lastHash: row.hash, prev });
    checkpoints.push({ seq: index + 1, statement, signature: signStatement(statement, privateKey) });
    prev = statementDigest(statement);
  });
  return checkpoints;
}

const verifyClinicChain = (rows: StoredAuditEvent[]) => verifyAuditChain(rows, chainGenesisHash(CLINIC, cutover), CLINIC);

function factsOf(rows: readonly StoredAuditEvent[], chain: string | null = CLINIC) {
  return { chain, hashOfRow: new Map(rows.map((row) => [String(row.id), row.hash])), lastEventId: rows.length ? String(rows[rows.length - 1]!.id) : null };
}

const kinds = (report: ReturnType<typeof judgeCheckpoints>) => report.findings.map((finding) => finding.kind);

describe('checkpoint statements', () => {
  it('are canonical JSON that parses back to the same text, and nothing else parses', () => {
    const text = checkpointStatement({ chain: 'c1', seq: 3, at: '2026-11-27T10:00:00.000Z', lastEventId: '42', lastHash: 'a'.repeat(64), prev: 'b'.repeat(64) });
    expect(text).toBe(`{"at":"2026-11-27T10:00:00.000Z","chain":"c1","lastEventId":"42","lastHash":"${'a'.repeat(64)}","prev":"${'b'.repeat(64)}","seq":3,"v":2}`);
    expect(parseStatement(text)).toMatchObject({ v: 2, chain: 'c1', seq: 3, lastEventId: '42' });
    expect(parseStatement(text.replace('"seq":3', '"seq": 3'))).toBeNull();
    expect(parseStatement(text.replace('"chain":"c1"', '"chain":""'))).toBeNull();
    expect(parseStatement(text.replace('"v":2', '"v":1'))).toBeNull();
    expect(parseStatement('{"v":2}')).toBeNull();
    expect(parseStatement('not json')).toBeNull();
  });

  it('version 1, signed before the per-clinic chains, names no chain and still parses, as the single chain', () => {
    // Byte for byte what the single chain's checkpoints were signed as.
    const text = `{"at":"2026-11-27T10:00:00.000Z","lastEventId":"42","lastHash":"${'a'.repeat(64)}","prev":"${'b'.repeat(64)}","seq":3,"v":1}`;
    expect(checkpointStatement({ chain: null, seq: 3, at: '2026-11-27T10:00:00.000Z', lastEventId: '42', lastHash: 'a'.repeat(64), prev: 'b'.repeat(64) })).toBe(text);
    expect(parseStatement(text)).toMatchObject({ v: 1, chain: null, seq: 3 });
    expect(parseStatement(text.replace('"lastEventId"', '"chain":"c1","lastEventId"'))).toBeNull();
  });
});

describe('judgeCheckpoints', () => {
  it('an untouched trail: every checkpoint holds and the newest vouches for the rows up to it', () => {
    const rows = trail(30);
    const report = judgeCheckpoints(checkpointsAt(rows, [10, 20, 28]), null, key.publicKey, factsOf(rows));
    expect(report.findings).toEqual([]);
    expect(report.vouchedBy).toEqual({ seq: 3, lastEventId: '28' });
  });

  it('a truncated tail (the probe: the last 3 rows deleted): the chain still links, the checkpoint does not hold', () => {
    const rows = trail(30);
    const checkpoints = checkpointsAt(rows, [10, 20, 30]);
    const cut = rows.slice(0, 27);
    expect(verifyClinicChain(cut).ok).toBe(true);
    const report = judgeCheckpoints(checkpoints, null, key.publicKey, factsOf(cut));
    expect(report.findings).toEqual([{ kind: 'truncated', seq: 3, signedLastEventId: '30', trailEndsAt: '27' }]);
    expect(report.vouchedBy).toEqual({ seq: 2, lastEventId: '20' });
    expect(describeFinding(report.findings[0]!)).toBe('Checkpoint 3 vouches for the chain up to row 30, but the chain ends at row 27: its tail was cut off.');
  });

  it('a recomputed tail (a row rewritten, every hash after it recomputed): the chain links, the checkpoints after it do not hold', () => {
    const rows = trail(30);
    const checkpoints = checkpointsAt(rows, [10, 20, 30]);
    const rewritten = trail(30, 15);
    expect(verifyClinicChain(rewritten).ok).toBe(true);
    const report = judgeCheckpoints(checkpoints, null, key.publicKey, factsOf(rewritten));
    expect(kinds(report)).toEqual(['rewritten', 'rewritten']);
    expect(report.findings[0]).toEqual({ kind: 'rewritten', seq: 2, signedLastEventId: '20' });
    expect(report.vouchedBy).toEqual({ seq: 1, lastEventId: '10' });
  });

  it('a checkpoint removed from the middle shows as a gap in the numbers', () => {
    const rows = trail(30);
    const [first, , third] = checkpointsAt(rows, [10, 20, 30]);
    const report = judgeCheckpoints([first!, third!], null, key.publicKey, factsOf(rows));
    expect(report.findings).toEqual([{ kind: 'checkpoint_removed', seqs: [2] }]);
  });

  it('the newest checkpoints removed with the tail they covered show only against the exported one', () => {
    const rows = trail(30);
    const checkpoints = checkpointsAt(rows, [10, 20, 30]);
    const cut = rows.slice(0, 25);
    // In the database, two checkpoints and a trail that still reaches past both: nothing to see...
    expect(judgeCheckpoints(checkpoints.slice(0, 2), null, key.publicKey, factsOf(cut)).findings).toEqual([]);
    // ...but the third was exported before it was removed.
    const report = judgeCheckpoints(checkpoints.slice(0, 2), checkpoints[2]!, key.publicKey, factsOf(cut));
    expect(report.findings).toEqual([
      { kind: 'checkpoint_removed', seqs: [3] },
      { kind: 'truncated', seq: 3, signedLastEventId: '30', trailEndsAt: '25' },
    ]);
    expect(report.vouchedBy).toEqual({ seq: 2, lastEventId: '20' });
  });

  it('a checkpoint forged without the key, or altered, does not verify', () => {
    const rows = trail(30);
    const [first, second] = checkpointsAt(rows, [10, 20]);
    const forged = checkpointsAt(rows, [10, 20], otherKey.privateKey)[1]!;
    expect(kinds(judgeCheckpoints([first!, forged], null, key.publicKey, factsOf(rows)))).toEqual(['bad_signature']);
    const altered = { ...second!, statement: second!.statement.replace('"lastEventId":"20"', '"lastEventId":"19"') };
    expect(kinds(judgeCheckpoints([first!, altered], null, key.publicKey, factsOf(rows)))).toEqual(['bad_signature']);
    expect(kinds(judgeCheckpoints([first!, second!], { ...second!, signature: first!.signature }, key.publicKey, factsOf(rows)))).toEqual(['bad_signature']);
  });

  it('a checkpoint in the database that differs from the exported one was replaced', () => {
    const rows = trail(30);
    const original = checkpointsAt(rows, [10, 20]);
    const other = checkpointsAt(rows, [10, 15]);
    expect(kinds(judgeCheckpoints([original[0]!, other[1]!], original[1]!, key.publicKey, factsOf(rows)))).toEqual(['checkpoint_replaced']);
  });

  it('a checkpoint that does not name the one before it is reported', () => {
    const rows = trail(30);
    const [first] = checkpointsAt(rows, [10]);
    const statement = checkpointStatement({ chain: CLINIC, seq: 2, at: '2026-11-27T10:00:00.000Z', lastEventId: '20', lastHash: rows[19]!.hash, prev: 'f'.repeat(64) });
    const report = judgeCheckpoints([first!, { seq: 2, statement, signature: signStatement(statement, key.privateKey) }], null, key.publicKey, factsOf(rows));
    expect(kinds(report)).toEqual(['checkpoint_unlinked']);
  });

  it("a checkpoint signed for another clinic's chain does not vouch for this one: moved, or exported for another", () => {
    const rows = trail(30);
    const other = trail(30, null, 'other-clinic');
    const [first, second] = checkpointsAt(rows, [10, 20]);
    const [, othersSecond] = checkpointsAt(other, [10, 20], key.privateKey, 'other-clinic');
    const moved = judgeCheckpoints([first!, othersSecond!], null, key.publicKey, factsOf(rows));
    expect(moved.findings).toEqual([{ kind: 'other_chain', seq: 2, where: 'database', chain: 'other-clinic' }]);
    expect(moved.vouchedBy).toEqual({ seq: 1, lastEventId: '10' });
    expect(describeFinding(moved.findings[0]!)).toBe('Checkpoint 2 in the database vouches for the chain other-clinic, not this one: it was moved.');
    expect(kinds(judgeCheckpoints([first!, second!], othersSecond!, key.publicKey, factsOf(rows)))).toEqual(['other_chain']);
  });

  it("the single chain's version 1 checkpoints are judged as that chain's, and only there", () => {
    const single = trail(20).map((row) => ({ ...row, chain: null }));
    const legacy = checkpointsAt(single, [10, 20], key.privateKey, null);
    expect(judgeCheckpoints(legacy, null, key.publicKey, factsOf(single, null))).toMatchObject({ findings: [], vouchedBy: { seq: 2, lastEventId: '20' } });
    expect(kinds(judgeCheckpoints(legacy, null, key.publicKey, factsOf(single)))).toEqual(['other_chain', 'other_chain']);
  });

  it('any cut into the rows a checkpoint signed is reported, wherever it falls', () => {
    const rows = trail(40);
    const checkpoints = checkpointsAt(rows, [13, 26, 40]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), (keep) => {
        const report = judgeCheckpoints(checkpoints, null, key.publicKey, factsOf(rows.slice(0, keep)));
        const vouched = report.vouchedBy ? Number(report.vouchedBy.lastEventId) : 0;
        return report.findings.some((finding) => finding.kind === 'truncated') && vouched <= keep;
      }),
    );
  });

  it('any rewritten row under a checkpoint is reported, and nothing from it on is vouched for', () => {
    const rows = trail(40);
    const checkpoints = checkpointsAt(rows, [13, 26, 40]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (changed) => {
        const report = judgeCheckpoints(checkpoints, null, key.publicKey, factsOf(trail(40, changed)));
        const vouched = report.vouchedBy ? Number(report.vouchedBy.lastEventId) : 0;
        return report.findings.some((finding) => finding.kind === 'rewritten') && vouched < changed;
      }),
    );
  });
});
