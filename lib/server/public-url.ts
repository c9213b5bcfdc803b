import 'server-only';

/**
 * The address patients and staff reach Regimen at, for every absolute link it writes (QR codes, the printed
 * programme, emails, calendar feeds): REGIMEN_PUBLIC_URL, else NEXTAUTH_URL. Never taken from a request's
 * Host or X-Forwarded-Host, which a client can write.
 */
export function publicUrl(path = '/'): string {
  const base = process.env.REGIMEN_PUBLIC_URL || process.env.NEXTAUTH_URL || 'http://localhost:3000';
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}
