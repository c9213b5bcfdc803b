import { describe, expect, it } from 'vitest';
import { NOT_A_FORM, runAction } from '@/lib/server/run-action';

// Every server action hands runAction the argument it was posted with. A form posts FormData; anyone else
// can post the same action with a JSON object, a string or nothing at all. runAction refuses those before
// the action's body (the session check, form.get) runs.

describe('runAction', () => {
  it.each<[string, unknown]>([
    ['a JSON object shaped like the form', { patientId: 'cm0nosuchpatient000000000', password: 'demo-password' }],
    ['an object with a get method (not a FormData)', { get: () => 'x', getAll: () => [], entries: () => [][Symbol.iterator]() }],
    ['a string', 'patientId=cm0nosuchpatient000000000'],
    ['an array', [['patientId', 'x']]],
    ['null', null],
    ['nothing', undefined],
    ['a number', 42],
  ])('refuses %s with INVALID_INPUT, without running the body', async (_case, argument) => {
    let isBodyRun = false;

    const result = await runAction(argument, async () => {
      isBodyRun = true;
      return 'done';
    });

    expect(result).toEqual({ ok: false, code: 'INVALID_INPUT', message: NOT_A_FORM });
    expect(isBodyRun).toBe(false);
  });

  it('runs the body for a FormData, even an empty one, and answers its result', async () => {
    const form = new FormData();
    form.set('patientId', 'cm0nosuchpatient000000000');

    expect(await runAction(form, async () => form.get('patientId'))).toEqual({ ok: true, data: 'cm0nosuchpatient000000000' });
    expect(await runAction(new FormData(), async () => 'done')).toEqual({ ok: true, data: 'done' });
  });

  it('still maps what the body throws to a result', async () => {
    const result = await runAction(new FormData(), async () => {
      throw new TypeError('form.get is not a function');
    });

    expect(result).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
    expect(JSON.stringify(result)).not.toContain('TypeError');
  });
});
