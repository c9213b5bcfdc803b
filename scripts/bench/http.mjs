// One signed-in page load, as a browser without JavaScript would make it.

/** The page's HTML; anything but 200 (a redirect to /login, a 404) is an error here. */
export async function getPage(baseUrl, path, cookie) {
  const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}${response.headers.get('location') ? ` (to ${response.headers.get('location')})` : ''}`);
  return body;
}
