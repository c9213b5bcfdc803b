import 'server-only';
import { passkeyRequest } from '../auth/passkey-request';
import type { Actor } from '../authz/actor';

/**
 * What the browser needs to answer with one of the actor's passkeys in place of their password (signing,
 * approving, resetting a password, removing a factor). The challenge stays on the server, bound to the actor,
 * for PASSKEY_CHALLENGE_SECONDS and one use; confirmPassword checks the answer.
 */
export async function startPasskeyConfirmation({ actor }: { actor: Actor }) {
  // Every signed-in user may confirm with their own passkey; what it confirms checks its own permission.
  return passkeyRequest(actor.userId, 'PASSKEY_CONFIRM', 'You have no passkey. Type your password instead.');
}
