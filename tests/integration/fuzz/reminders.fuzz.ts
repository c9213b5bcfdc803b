// Reminders and mail: the portal's Reminders form (time, showNames, emailReminders: form.get(…) each), the
// calendar link's make and stop buttons (no fields), the public calendar route (its token from the URL), the
// therapist's "Email invitation" (patientId from the form) and the admin's mail status. The fuzz run has no
// SMTP_URL, as `npm test` has none: emailing an invitation is refused with a clear message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { emailInvitation } from '@/lib/server/invitations/email-invitation';
import { getMailStatus } from '@/lib/server/mail/get-mail-status';
import { createCalendarFeed } from '@/lib/server/reminders/create-calendar-feed';
import { hashFeedToken } from '@/lib/server/reminders/hash-feed-token';
import { renderCalendarFeed } from '@/lib/server/reminders/render-calendar-feed';
import { revokeCalendarFeed } from '@/lib/server/reminders/revoke-calendar-feed';
import { updateReminderPreference } from '@/lib/server/reminders/update-reminder-preference';
import { hostileInput, idParameter, mostly, named, nastyString } from './support/arbitraries';
import { deferred, fuzz, materialize, probe } from './support/harness';
import { MISSING_ID, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

export function describeReminderFuzz(getWorld: () => FuzzWorld) {
  describe('reminders', () => {
    it('updateReminderPreference: refuses cleanly, and stores exactly the choices accepted, for the patient themself only', async () => {
      const { a, b, scope } = getWorld();
      const time = fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`) },
        { weight: 1, arbitrary: fc.constantFrom('24:00', '9:00', '09:60', '09:00:00', ' 07:15 ', '', 'noon', '１０:００') },
      );
      const box = fc.constantFrom('on', 'true', true, '', 'off', false, undefined);
      const valid = fc.record({ time, showNames: box, emailReminders: box }, { requiredKeys: ['time'] });
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.treated patient': a.treated.actor },
          { 'b.treated patient': b.treated.actor, 'a.patient account with no patient record': { ...a.treated.actor, patientId: null }, 'a.therapist': a.world.actors.therapist, 'a.admin': a.world.actors.admin },
        ),
        input: hostileInput(valid, ['time', 'showNames', 'emailReminders'], { textKeys: ['time'] }),
      });
      await fuzz('updateReminderPreference', scope, 200, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const outcome = await probe('updateReminderPreference', scope, () => updateReminderPreference({ actor, input }));
        if (!outcome.ok) return;
        const on = (value: unknown) => value === true || value === 'on' || value === 'true';
        const stored = await db.reminderPreference.findUniqueOrThrow({ where: { patientId: actor.patientId ?? '' }, select: { time: true, showNames: true, emailReminders: true } });
        expect(stored).toEqual({ time: String(input.time).trim(), showNames: on(input.showNames), emailReminders: on(input.emailReminders) });
        expect(outcome.value).toEqual(stored);
      });
    });

    it('createCalendarFeed and revokeCalendarFeed: only a patient, only their own link; one live link at most', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = fc.record({
        make: fc.boolean(),
        actor: mostly({ 'a.treated patient': a.treated.actor, 'b.treated patient': b.treated.actor }, { 'a.patient account with no patient record': { ...a.treated.actor, patientId: null }, 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.admin': a.world.actors.admin }),
      });
      await fuzz('createCalendarFeed/revokeCalendarFeed', scope, 60, arbitrary, async (generated) => {
        const { make, actor } = (await materialize(generated, scope)) as { make: boolean; actor: Actor };
        const outcome = make
          ? await probe('createCalendarFeed', scope, () => createCalendarFeed({ actor }), { allowed: ['NOT_FOUND'] })
          : await probe('revokeCalendarFeed', scope, () => revokeCalendarFeed({ actor }), { allowed: ['NOT_FOUND', 'CONFLICT'] });
        if (!outcome.ok) return;
        const live = await db.calendarFeed.findMany({ where: { patientId: actor.patientId ?? '', revokedAt: null }, select: { tokenHash: true } });
        if (make) expect(live).toEqual([{ tokenHash: hashFeedToken(tokenOf((outcome.value as { url: string }).url)) }]);
        else expect(live).toEqual([]);
      });
    });

    it('renderCalendarFeed: any token but a live one is "not found", and reading writes nothing', async () => {
      const { a, scope } = getWorld();
      const live = deferred('a live calendar token of a.treated patient', async (wrote) => {
        const token = tokenOf((await createCalendarFeed({ actor: a.treated.actor })).url);
        wrote();
        return token;
      });
      const revoked = deferred('a revoked calendar token', async (wrote) => {
        const token = tokenOf((await createCalendarFeed({ actor: a.drafting.actor })).url);
        await revokeCalendarFeed({ actor: a.drafting.actor });
        wrote();
        return token;
      });
      const arbitrary = fc.oneof(
        { weight: 2, arbitrary: fc.constant(live) },
        { weight: 1, arbitrary: fc.constant(revoked) },
        { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}(\.ics)?$/) },
        { weight: 2, arbitrary: nastyString },
        { weight: 1, arbitrary: named({ 'a number': 42, null: null, 'an object': { token: 'x' } }) },
      );
      await fuzz('renderCalendarFeed', scope, 120, arbitrary, async (generated) => {
        const token = await materialize(generated, scope);
        const isLive = typeof token === 'string' && (await db.calendarFeed.count({ where: { tokenHash: hashFeedToken(token.replace(/\.ics$/, '')), revokedAt: null } })) === 1;
        const outcome = await probe('renderCalendarFeed', scope, () => renderCalendarFeed({ token }), { allowed: ['NOT_FOUND'], isReadOnly: true });
        expect(outcome.ok).toBe(isLive);
        if (outcome.ok) expect(outcome.value).toContain('BEGIN:VCALENDAR');
      });
    });

    it('emailInvitation: with no mail set up, refuses cleanly (not found for anyone off the care team) and writes nothing', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = fc.record({
        actor: mostly({ 'a.therapist': a.world.actors.therapist }, { 'a.other therapist': a.otherTherapist, 'a.admin': a.world.actors.admin, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.therapist': b.world.actors.therapist }),
        patientId: idParameter(
          { 'a.drafting patient': a.drafting.patientId },
          { 'a.treated patient': a.treated.patientId, 'a.other team’s patient': a.otherTeam.patientId, 'b.treated patient': b.treated.patientId, 'missing id': MISSING_ID },
        ),
      });
      await fuzz('emailInvitation', scope, 80, arbitrary, async (generated) => {
        const { actor, patientId } = (await materialize(generated, scope)) as { actor: Actor; patientId: unknown };
        const outcome = await probe('emailInvitation', scope, () => emailInvitation({ actor, patientId }), { allowed: ['NOT_FOUND', 'INVALID_INPUT'] });
        expect(outcome.ok, 'nothing is emailed without SMTP_URL').toBe(false);
      });
    });

    it('getMailStatus: the clinic admin’s own clinic only; everyone else "not found"; reading writes nothing', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = mostly({ 'a.admin': a.world.actors.admin, 'b.admin': b.world.actors.admin }, { 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.treated patient': a.treated.actor });
      await fuzz('getMailStatus', scope, 30, arbitrary, async (generated) => {
        const actor = (await materialize(generated, scope)) as Actor;
        const outcome = await probe('getMailStatus', scope, () => getMailStatus({ actor }), { allowed: ['NOT_FOUND'], isReadOnly: true });
        expect(outcome.ok).toBe(actor.role === 'ADMIN');
        if (outcome.ok) expect(outcome.value).toMatchObject({ isConfigured: false, failures: [] });
      });
    });
  });
}
