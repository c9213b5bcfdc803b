import { describe, expect, it } from 'vitest';
import { restartDelayMs, workerCount } from '../../scripts/lib/cluster-primary.mjs';

describe('workerCount (WEB_CONCURRENCY)', () => {
  it('is one process when unset or empty', () => {
    expect(workerCount(undefined)).toBe(1);
    expect(workerCount('')).toBe(1);
    expect(workerCount('  ')).toBe(1);
  });

  it('takes a whole number of processes', () => {
    expect(workerCount('1')).toBe(1);
    expect(workerCount('2')).toBe(2);
    expect(workerCount(' 4 ')).toBe(4);
  });

  it('refuses anything else rather than guess', () => {
    for (const raw of ['0', '-1', '1.5', 'two', 'auto', '65', '1e9']) expect(() => workerCount(raw), raw).toThrow(/WEB_CONCURRENCY/);
  });
});

describe('restartDelayMs', () => {
  it('waits a second after the first death, doubling after each death in a row, up to 30 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});
