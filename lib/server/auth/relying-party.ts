import 'server-only';
import { publicUrl } from '../public-url';

/**
 * Who passkeys belong to: the host and origin of the configured public URL (REGIMEN_PUBLIC_URL, else
 * NEXTAUTH_URL), never a request's Host header, so a forged header cannot make the server accept a passkey
 * answer made for another site.
 */
export function relyingParty(): { id: string; origin: string; name: string } {
  const url = new URL(publicUrl('/'));
  return { id: url.hostname, origin: url.origin, name: 'Regimen' };
}
