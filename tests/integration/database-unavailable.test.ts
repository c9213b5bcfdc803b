import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, toAppError } from '@/lib/server/errors';
import { Prisma } from '@/lib/server/generated/prisma/client';

// What Prisma and the pg driver throw when PostgreSQL is gone, as seen in tests/faults (a raw query reports
// it differently from a model query). Each must read as "temporarily unavailable", never as a bug.
const known = (code: string, message: string) => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: '6.19.3' });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a model query that cannot connect (P1001)', known('P1001', "Can't reach database server at 127.0.0.1:5432")],
    ['a raw query that cannot connect (P2010)', known('P2010', "Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5432`")],
    ['a raw query cut off by a crash (57P01 in the message)', known('P2010', 'Raw query failed. Code: `57P01`. Message: `terminating connection due to unexpected postmaster exit`')],
    ['the driver losing its socket', new Error('Connection terminated unexpectedly')],
    ['a refused connection, wrapped', new Error('query failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) })],
  ])('%s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toAppError(error)).toMatchObject({ code: 'UNAVAILABLE', message: 'Regimen is temporarily unavailable. Please try again in a minute.' });
  });

  it.each([
    ['a unique violation', known('P2002', 'Unique constraint failed on the fields: (`email`)')],
    ['a programming error', new TypeError('Cannot read properties of undefined')],
    ['a raw query with bad SQL', known('P2010', 'Raw query failed. Code: `42601`. Message: `syntax error at or near "SELEC"`')],
  ])('%s is not "unavailable"', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
