// The clinic's settings (app/(clinic)/admin/clinic): the page reads them with getClinicSettings({ actor });
// the form's fields (phone, emergencyNumber, timeZone, each form.get(…)) go to updateClinicSettings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoment, localDay } from '@/lib/domain/clinic-time';
import { can } from '@/lib/domain/permissions';
import { actionText, warningSignsIntro } from '@/lib/domain/warning-signs';
import type { Actor } from '@/lib/server/authz/actor';
import { getClinicSettings } from '@/lib/server/clinics/get-clinic-settings';
import { updateClinicSettings } from '@/lib/server/clinics/update-clinic-settings';
import { db } from '@/lib/server/db';
import type { AppError } from '@/lib/server/errors';
import { auditCursor, auditRowsSince } from '../support/audit';
import { hostileInput, mostly, named, typedText } from './support/arbitraries';
import { fuzz, materialize, probe } from './support/harness';
import type { FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

const settingsColumns = { phone: true, emergencyNumber: true, timeZone: true } as const;

/** Phone numbers as clinics write them, and text that only looks like one. */
const phone = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('(555) 010-2000', '020 7946 0000', '+44 20 7946 0000', '555-0142', '+1 (555) 010-2000', ' 0800 123 456 ') },
  { weight: 4, arbitrary: fc.stringMatching(/^\+?\(?[0-9]{3}\)?[ -]?[0-9]{3}[ -]?[0-9]{2,4}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^\+?[0-9 ()-]{1,45}$/) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('12345', '+', '()-', '555 0142 ext 3', '+1 555 0100+'), typedText({ maxLength: 40 })) },
);

/** Emergency numbers: 911, 999, 112, 000 and other short runs of digits, and what is not one. */
const emergencyNumber = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('911', '999', '112', '000', ' 112 ', '15') },
  { weight: 2, arbitrary: fc.stringMatching(/^[0-9]{1,8}$/) },
  { weight: 1, arbitrary: fc.constantFrom('9-1-1', '１１２', '+112', '1e3', '') },
);

/** Time zones this runtime knows, in their own spelling and others, and names that are none. */
const timeZone = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Intl.supportedValuesOf('timeZone')) },
  { weight: 1, arbitrary: fc.constantFrom('UTC', 'Etc/GMT+5', 'europe/london', ' America/New_York ', 'US/Pacific', 'GMT') },
  { weight: 1, arbitrary: fc.constantFrom('Mars/Olympus_Mons', 'Europe/Nowhere', 'Local', '+05:00', '', 'America/New York') },
);

export function describeClinicFuzz(getWorld: () => FuzzWorld) {
  describe('clinic settings', () => {
    it('updateClinicSettings: refuses cleanly (FORBIDDEN to everyone but the admin, whatever they send), and stores exactly the settings accepted, in the admin’s own clinic only', async () => {
      const { a, b, scope } = getWorld();
      const valid = fc.record({ phone, emergencyNumber, timeZone });
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.admin': a.world.actors.admin, 'b.admin': b.world.actors.admin },
          { 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.treated patient': a.treated.actor },
        ),
        input: hostileInput(valid, ['phone', 'emergencyNumber', 'timeZone'], { textKeys: ['phone', 'timeZone'] }),
      });
      await fuzz('updateClinicSettings', scope, 200, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const others = await db.clinic.findMany({ where: { id: { in: scope.clinicIds.filter((id) => id !== actor.clinicId) } }, orderBy: { id: 'asc' }, select: settingsColumns });
        const cursor = await auditCursor();
        const outcome = await probe('updateClinicSettings', scope, () => updateClinicSettings({ actor, input }), { allowed: ['INVALID_INPUT', 'FORBIDDEN'] });
        if (!outcome.ok) {
          // The role is checked first: a non-admin learns nothing about what a valid form would be.
          expect((outcome.error as AppError).code === 'FORBIDDEN', 'FORBIDDEN exactly when the actor is no admin').toBe(!can(actor, 'clinic.settings'));
          return;
        }
        const trimmed = (value: unknown) => String(value).trim();
        const expected = { phone: trimmed(input.phone), emergencyNumber: trimmed(input.emergencyNumber), timeZone: trimmed(input.timeZone) };
        const stored = await db.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: settingsColumns });
        expect(stored).toEqual(expected);
        expect(outcome.value).toEqual(expected);
        expect(await db.clinic.findMany({ where: { id: { in: scope.clinicIds.filter((id) => id !== actor.clinicId) } }, orderBy: { id: 'asc' }, select: settingsColumns })).toEqual(others);
        // What the settings are for: patients are told the number to call, and every date is shown in the zone.
        expect(warningSignsIntro({ emergencyNumber: stored.emergencyNumber }).body).toContain(`call ${stored.emergencyNumber}`);
        expect(actionText({ urgency: 'EMERGENCY' }, { emergencyNumber: stored.emergencyNumber })).toBe(`Call ${stored.emergencyNumber} now.`);
        expect(() => [localDay(new Date(), stored.timeZone), formatMoment(new Date(), stored.timeZone)]).not.toThrow();
        const audited = await auditRowsSince(cursor, { entityId: actor.clinicId });
        expect(audited.map((row) => [row.action, row.actorId, row.outcome, row.after])).toEqual([['clinic.update_settings', actor.userId, 'SUCCESS', expected]]);
      });
    });

    it('getClinicSettings: answers an admin with their own clinic’s settings and anyone else not found, and writes nothing', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = named({
        'a.admin': a.world.actors.admin,
        'b.admin': b.world.actors.admin,
        'a.therapist': a.world.actors.therapist,
        'a.surgeon': a.world.actors.surgeon,
        'a.treated patient': a.treated.actor,
        'b.therapist': b.world.actors.therapist,
      });
      await fuzz('getClinicSettings', scope, 30, arbitrary, async (generated) => {
        const actor = (await materialize(generated, scope)) as Actor;
        const outcome = await probe('getClinicSettings', scope, () => getClinicSettings({ actor }), { allowed: ['NOT_FOUND'], isReadOnly: true });
        expect(outcome.ok, 'answered exactly when the actor is an admin').toBe(can(actor, 'clinic.settings'));
        if (!outcome.ok) return;
        expect(outcome.value).toEqual(await db.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: { name: true, ...settingsColumns, requireStaffSecondFactor: true } }));
      });
    });
  });
}
