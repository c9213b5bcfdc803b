import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, bodyProblem, jsonDepth, MAX_JSON_DEPTH, mustReadBody, targetProblem } from '../../scripts/lib/request-checks.mjs';

const action = { 'next-action': '60abc' };

function multipartBody(fields: Array<[string, string]>, boundary = 'probe') {
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { headers: { ...action, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`) };
}

describe('targetProblem', () => {
  it('refuses a path whose percent-encoding does not decode', () => {
    for (const url of ['/patients/%zz', '/%E0%A4%A', '/api/%', '/a%2']) expect(targetProblem(url), url).toBe(400);
  });

  it('lets every path that decodes through, and never looks at the query', () => {
    fc.assert(fc.property(fc.webPath(), (path) => targetProblem(path) === null));
    for (const url of ['/patients/abc', '/catalog?q=%zz', '/caf%C3%A9', '/%2F']) expect(targetProblem(url), url).toBeNull();
  });
});

describe('mustReadBody', () => {
  it('reads server actions and small bodies, and streams uploads to route handlers', () => {
    expect(mustReadBody({ method: 'POST', url: '/account', headers: action })).toBe(true);
    expect(mustReadBody({ method: 'POST', url: '/account', headers: { 'content-type': 'multipart/form-data; boundary=x' } })).toBe(true);
    expect(mustReadBody({ method: 'POST', url: '/api/auth/callback/credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toBe(true);
    expect(mustReadBody({ method: 'POST', url: '/api/exercises/abc/media', headers: { 'content-type': 'multipart/form-data; boundary=x' } })).toBe(false);
    expect(mustReadBody({ method: 'GET', url: '/account', headers: action })).toBe(false);
  });
});

describe('jsonDepth', () => {
  it('counts nesting, not brackets inside strings', () => {
    expect(jsonDepth('[]')).toBe(1);
    expect(jsonDepth('[{"a":[1]}]')).toBe(3);
    expect(jsonDepth('["[[[[", "\\"[["]')).toBe(1);
    expect(jsonDepth(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)).toBe(50_000);
  });

  it('agrees with the nesting of any JSON value', () => {
    const depthOf = (value: unknown): number => (value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0);
    fc.assert(fc.property(fc.jsonValue(), (value) => jsonDepth(JSON.stringify(value)) === depthOf(value)));
  });
});

describe('bodyProblem', () => {
  const text = { ...action, 'content-type': 'text/plain;charset=UTF-8' };

  it('lets through what our forms send', async () => {
    expect(await bodyProblem({ headers: text }, Buffer.from('[null,"$K1"]'))).toBeNull();
    expect(await bodyProblem({ headers: text }, Buffer.from('[{"ok":false,"message":"$$5 is not a price"},"$K1"]'))).toBeNull();
    const form = multipartBody([['1_name', 'Sam'], ['1_note', '[[[ not JSON, just text'], ['0', '[null,"$K1"]']]);
    expect(await bodyProblem(form, form.body)).toBeNull();
    expect(await bodyProblem({ headers: { 'content-type': 'application/json' } }, Buffer.from('{"email":"a@b.test"}'))).toBeNull();
  });

  it('refuses what Next.js cannot read', async () => {
    const cases: Array<[string, Record<string, string>, Buffer]> = [
      ['not JSON', text, Buffer.from('not json')],
      ['nothing', text, Buffer.alloc(0)],
      ['too deep', text, Buffer.from(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)],
      ['not a list', text, Buffer.from('{"a":1}')],
      ['a reference to a part that is not there', text, Buffer.from('[null,"$Q1"]')],
      ['a server reference', text, Buffer.from('["$F1"]')],
      ['no content type', action, Buffer.from('[null]')],
      ['a type actions do not use', { ...action, 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('a=1')],
      ['JSON that does not parse', { 'content-type': 'application/json' }, Buffer.from('{"email":')],
    ];
    for (const [label, headers, body] of cases) expect(await bodyProblem({ headers }, body), label).toBe(400);
    const noArguments = multipartBody([['1_name', 'Sam']]);
    expect(await bodyProblem(noArguments, noArguments.body)).toBe(400);
    const broken = multipartBody([['0', '[null,']]);
    expect(await bodyProblem(broken, broken.body)).toBe(400);
    const truncated = multipartBody([['0', '[null]']]);
    expect(await bodyProblem(truncated, truncated.body.subarray(0, truncated.body.length - 12))).toBe(400);
  });

  it('never throws, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom('text/plain', 'multipart/form-data; boundary=x', 'application/json', ''), async (bytes, type) => {
        const answer = await bodyProblem({ headers: { ...action, 'content-type': type } }, Buffer.from(bytes));
        return answer === null || answer === 400;
      }),
    );
  });

  it('the body limit is Next.js’s own for server actions: 1 MB', () => {
    expect(BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });
});
