import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currentEpisode } from './episodes';

const episode = (id: string, surgery: string, created = '2026-01-01T00:00:00Z') => ({ id, surgeryDate: new Date(surgery), createdAt: new Date(created) });

describe('currentEpisode', () => {
  it('is null when the patient has no episode', () => {
    expect(currentEpisode([])).toBeNull();
  });

  it('is the most recent surgery', () => {
    expect(currentEpisode([episode('a', '2026-01-10'), episode('b', '2026-06-01'), episode('c', '2025-12-01')])?.id).toBe('b');
  });

  it('breaks a tie on the surgery date by the episode registered last', () => {
    expect(currentEpisode([episode('a', '2026-06-01', '2026-06-02T10:00:00Z'), episode('b', '2026-06-01', '2026-06-02T09:00:00Z')])?.id).toBe('a');
  });

  it('does not depend on the order rows come back in', () => {
    const arb = fc.array(
      fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), surgeryDate: fc.integer({ min: 0, max: 50 }), createdAt: fc.integer({ min: 0, max: 50 }) }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, fc.integer(), (rows, seed) => {
        const episodes = rows.map((row, index) => ({ id: `${row.id}${index}`, surgeryDate: new Date(row.surgeryDate * 86_400_000), createdAt: new Date(row.createdAt * 1000) }));
        const shuffled = [...episodes].sort((a, b) => ((a.id.charCodeAt(0) * seed) % 7) - ((b.id.charCodeAt(0) * seed) % 7));
        expect(currentEpisode(shuffled)).toBe(currentEpisode(episodes));
        const chosen = currentEpisode(episodes)!;
        for (const other of episodes) expect(other.surgeryDate.getTime()).toBeLessThanOrEqual(chosen.surgeryDate.getTime());
      }),
    );
  });
});
