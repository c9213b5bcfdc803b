import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, toAppError } from '@/lib/server/errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['PostgreSQL shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['PostgreSQL crashed', withCode('57P02')],
    ['PostgreSQL starting', withCode('57P03', 'the database system is starting up')],
    ['any connection exception (class 08)', withCode('08006', 'connection failure')],
    ['too many connections', withCode('53300')],
    ['no connection free in time', withCode('P2024')],
    ['a transaction that could not start or ran out of time', withCode('P2028', 'Transaction API error: Unable to start a transaction in the given time.')],
    ['a cause two levels down', Object.assign(new Error('outer'), { cause: Object.assign(new Error('middle'), { cause: withCode('08003') }) })],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toAppError(error).message).toMatch(/temporarily unavailable/);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a deadlock (a bug to look at, not an outage)', withCode('40P01')],
    ['a plain error', new Error('form.get is not a function')],
    ['a code that only starts like a connection class', withCode('080')],
    ['not an object', 'ECONNREFUSED'],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
