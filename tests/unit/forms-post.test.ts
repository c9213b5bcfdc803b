// Every form the app renders names its method. A form React sends (onSubmit) but that names none is sent by the
// browser itself when it is submitted before the page's script runs (a slow phone, a tap while loading,
// JavaScript off): as a GET, every field, the password included, in the address. With method="post" it goes in
// the body. Searches and filters that belong in the address say method="get". (Proven in the browser by
// tests/e2e/auth/no-secrets-in-urls.spec.ts; this test keeps every new form in line.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = path.resolve(__dirname, '../../app');

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });
}

/** Each `<form ...>` opening tag in a source file, braces in attributes allowed. */
function formTags(source: string): string[] {
  const tags: string[] = [];
  for (let start = source.indexOf('<form'); start >= 0; start = source.indexOf('<form', start + 5)) {
    if (!/[\s>]/.test(source[start + 5] ?? '')) continue;
    let depth = 0;
    let end = start + 5;
    for (; end < source.length; end += 1) {
      const char = source[end];
      if (char === '{') depth += 1;
      else if (char === '}') depth -= 1;
      else if (char === '>' && depth === 0) break;
    }
    tags.push(source.slice(start, end + 1));
  }
  return tags;
}

describe('forms', () => {
  const files = sources(APP);
  it('there are forms to check', () => {
    expect(files.flatMap((file) => formTags(readFileSync(file, 'utf8'))).length).toBeGreaterThan(20);
  });

  it.each(files.map((file) => [path.relative(APP, file), file]))('%s: every form names its method', (_name, file) => {
    const unnamed = formTags(readFileSync(file, 'utf8')).filter((tag) => !/\smethod="(post|get)"/.test(tag));
    expect(unnamed).toEqual([]);
  });
});
