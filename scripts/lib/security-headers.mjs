// The security headers every answer carries, and the plain page of an answer made before Next.js runs
// (scripts/serve.mjs: a request it cannot read) or instead of it (proxy.ts: a cross-origin write). One list for
// both, in plain JavaScript so that `npm start` runs without a compiler.

/** The Content-Security-Policy of a page whose scripts carry `nonce`. */
export function contentSecurityPolicy(nonce, { isProduction }) {
  return [
    "default-src 'self'",
    // Next.js loads its chunks from scripts it creates at run time: the nonce plus 'strict-dynamic'.
    // React's development build needs eval for its debugging tools; production never gets it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isProduction ? '' : " 'unsafe-eval'"}`,
    // React style attributes and the printable invitation's <style> need inline styles; no scripts can.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** [name, value] pairs: the policy above and the rest of the headers every answer carries. */
export function securityHeaders({ csp, mayCache = false, isProduction }) {
  const headers = [
    ['Content-Security-Policy', csp],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  // Pages and API answers may carry health information: never store them in any cache.
  if (!mayCache) headers.push(['Cache-Control', 'no-store, max-age=0']);
  if (isProduction) headers.push(['Strict-Transport-Security', 'max-age=63072000; includeSubDomains']);
  return headers;
}

const PLAIN_ANSWERS = {
  400: { title: 'That request could not be read', lines: ['Something in it was not in the form we expect, so nothing was done.', 'Go back, reload the page and try again.'] },
  403: { title: 'That request came from another site', lines: ['Changes can only be made from Regimen’s own pages, so nothing was done.', 'Open Regimen and try again there.'] },
  413: { title: 'That request was too large', lines: ['It was more than we accept at once, so nothing was done.', 'Go back and send less at a time.'] },
};

/** The plain page for a 400, 403 or 413: no data, no details, nothing from the request. */
export function plainErrorPage(status) {
  const answer = PLAIN_ANSWERS[status] ?? PLAIN_ANSWERS[400];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${answer.title} · Regimen</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5;">
<main>
<h1>${answer.title}</h1>
${answer.lines.map((line) => `<p>${line}</p>`).join('\n')}
<p><a href="/">Go to your home page</a></p>
</main>
</body>
</html>`;
}
