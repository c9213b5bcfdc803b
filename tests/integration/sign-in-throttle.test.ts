import { describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/server/auth/authenticate';
import { db } from '@/lib/server/db';
import { createClinic, createUser } from '@/prisma/factories';
import { uniqueIp } from './support/world';

const PASSWORD = 'test-password';

describe('sign-in throttling', () => {
  it('blocks an account at one address after 5 failures, even with the right password, and says so', async () => {
    const clinic = await createClinic();
    const user = await createUser({ clinicId: clinic.id, role: 'THERAPIST', password: PASSWORD });
    const ip = uniqueIp();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await authenticate({ email: user.email, password: 'wrong-password', ip })).toBeNull();
    }
    await expect(authenticate({ email: user.email, password: PASSWORD, ip })).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('wait 15 minutes') });
    const denied = await db.auditEvent.findMany({ where: { actorId: user.id, outcome: 'DENIED', action: 'auth.sign_in' } });
    expect(denied).toHaveLength(1);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it('does not lock the clinician out from another address', async () => {
    const clinic = await createClinic();
    const user = await createUser({ clinicId: clinic.id, role: 'SURGEON', password: PASSWORD });
    const attacker = uniqueIp();
    for (let attempt = 0; attempt < 5; attempt += 1) await authenticate({ email: user.email, password: 'guess', ip: attacker });
    const signedIn = await authenticate({ email: user.email, password: PASSWORD, ip: uniqueIp() });
    expect(signedIn?.id).toBe(user.id);
  });

  it('a success clears the account counter at that address', async () => {
    const clinic = await createClinic();
    const user = await createUser({ clinicId: clinic.id, role: 'ADMIN', password: PASSWORD });
    const ip = uniqueIp();
    for (let round = 0; round < 3; round += 1) {
      for (let attempt = 0; attempt < 4; attempt += 1) await authenticate({ email: user.email, password: 'typo', ip });
      expect((await authenticate({ email: user.email, password: PASSWORD, ip }))?.id).toBe(user.id);
    }
  });

  it('slows down one address trying many accounts', async () => {
    const ip = uniqueIp();
    for (let attempt = 0; attempt < 50; attempt += 1) {
      expect(await authenticate({ email: `nobody-${attempt}-${ip}@example.test`, password: 'guess', ip })).toBeNull();
    }
    await expect(authenticate({ email: `someone-else-${ip}@example.test`, password: 'guess', ip })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
