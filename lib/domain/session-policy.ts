// How long a signed-in session lives. A clinic computer left signed in must not stay open for long.
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;
// lastSeenAt is written at most this often per session, so reading pages does not write every time.
export const SESSION_TOUCH_SECONDS = 60;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null };

export type SessionVerdict = 'ALIVE' | 'ENDED' | 'IDLE' | 'TOO_OLD';

export function sessionVerdict(session: SessionTimes, now: Date): SessionVerdict {
  if (session.endedAt) return 'ENDED';
  if (now.getTime() - session.createdAt.getTime() > SESSION_ABSOLUTE_HOURS * 3_600_000) return 'TOO_OLD';
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MINUTES * 60_000) return 'IDLE';
  return 'ALIVE';
}

export function shouldTouchSession(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_SECONDS * 1_000;
}
