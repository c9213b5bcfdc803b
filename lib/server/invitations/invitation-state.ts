import 'server-only';

export type InvitationState = 'valid' | 'expired' | 'used';

/** A used link is reported as used even once it is also past its expiry: that is the more useful answer. */
export function invitationState(invitation: { usedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (invitation.usedAt) return 'used';
  if (invitation.expiresAt <= now) return 'expired';
  return 'valid';
}
