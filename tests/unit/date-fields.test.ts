// Every schema that takes a date takes it through the shared fields (lib/schemas/fields.ts), bounded to a sane
// range (lib/domain/calendar.ts DATE_RANGE): year 9999 plus a day is a date neither PostgreSQL nor Prisma carries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditFilterSchema } from '@/lib/schemas/audit';
import { dateOnly, optionalDateText } from '@/lib/schemas/fields';
import { logSessionSchema } from '@/lib/schemas/session-log';

const outOfRange = fc.oneof(fc.integer({ min: 0, max: 1899 }), fc.integer({ min: 2200, max: 9999 })).map((year) => `${String(year).padStart(4, '0')}-06-15`);

describe('dateOnly', () => {
  it('turns every date in range into that day at midnight UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const text = date.toISOString().slice(0, 10);
        expect(dateOnly('Date').parse(text).toISOString()).toBe(`${text}T00:00:00.000Z`);
      }),
    );
  });

  it('refuses a real date outside the range with a sentence saying so', () => {
    fc.assert(
      fc.property(outOfRange, (text) => {
        const result = dateOnly('Date').safeParse(text);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.message).toBe('Date must be between 1900 and 2199.');
      }),
    );
  });

  it('refuses what is not a date', () => {
    for (const text of ['2026-02-30', 'tomorrow', '+010000-01-01', '2026-11-24T10:00:00Z']) expect(dateOnly('Date').safeParse(text).error?.issues[0]?.message).toBe('Date must be a real date.');
  });
});

describe('optional date filters', () => {
  it('take nothing as no filter, and refuse a date out of range', () => {
    expect(optionalDateText('The to date').parse(undefined)).toBe('');
    expect(auditFilterSchema.safeParse({ to: '9999-12-31' }).error?.issues[0]?.message).toBe('The to date must be between 1900 and 2199.');
    expect(auditFilterSchema.safeParse({ from: '0001-01-01' }).error?.issues[0]?.message).toBe('The from date must be between 1900 and 2199.');
    expect(auditFilterSchema.parse({ from: '2026-11-01', to: '2026-11-27' })).toMatchObject({ from: '2026-11-01', to: '2026-11-27' });
  });
});

describe('the schemas built on them', () => {
  it('a logged session on a day in year 9999 is refused by the schema', () => {
    const result = logSessionSchema.safeParse({ performedOn: '9999-12-31' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.message.includes('between 1900 and 2199'))).toBe(true);
  });
});
