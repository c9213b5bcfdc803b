// Signing in over HTTP exactly as the login form does (next-auth's credentials flow), so every
// benchmarked request carries a real session cookie backed by a real UserSession row.

/** `name=value` pairs from a response's Set-Cookie headers. */
function cookiesFrom(response) {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .filter((pair) => pair && !pair.endsWith('='));
}

/** Returns the Cookie header value a signed-in browser would send. */
export async function signIn(baseUrl, email, password) {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}`);
  const { csrfToken } = await csrfResponse.json();
  const csrfCookies = cookiesFrom(csrfResponse);

  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; '), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = cookiesFrom(response).find((pair) => pair.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`Signing in as ${email} failed (HTTP ${response.status}).`);
  return session;
}

/** Signs in every email, a few at a time: Argon2 makes each sign-in deliberately slow. */
export async function signInAll(baseUrl, emails, password, concurrency = 4) {
  const cookies = new Array(emails.length);
  let next = 0;
  async function worker() {
    while (next < emails.length) {
      const index = next++;
      cookies[index] = await signIn(baseUrl, emails[index], password);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return cookies;
}
