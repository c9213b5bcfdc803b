// Every absolute link (QR codes, printed links, emails, calendar feeds) is built from the configured public
// address (lib/server/public-url.ts), never from what a request says about its host. A client writes Host and
// X-Forwarded-Host; a link built from them can point anywhere (the probe: a QR code pointing at evil.test).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (entry === 'generated' || entry === 'node_modules') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(entry) && !entry.endsWith('.test.ts') ? [full] : [];
  });
}

const FILES = [...sourceFiles(path.join(root, 'app')), ...sourceFiles(path.join(root, 'lib')), path.join(root, 'proxy.ts')];

describe('absolute links', () => {
  it('nothing reads X-Forwarded-Host, or the origin a browser shows, to build a link', () => {
    const offenders = FILES.filter((file) => /['"`]x-forwarded-host['"`]|window\.location\.(origin|host)|nextUrl\.(origin|host)\b/i.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => path.relative(root, file))).toEqual([]);
  });

  it('the Host header is read only by the cross-origin check in proxy.ts, never to build a link', () => {
    const readers = FILES.filter((file) => /\.get\(\s*['"]host['"]\s*\)|headers\[['"]host['"]\]/i.test(readFileSync(file, 'utf8')));
    expect(readers.map((file) => path.relative(root, file))).toEqual(['proxy.ts']);
  });

  it('links and QR codes take publicUrl', () => {
    const users = FILES.filter((file) => /\bpublicUrl\(/.test(readFileSync(file, 'utf8'))).map((file) => path.relative(root, file));
    expect(users).toEqual(expect.arrayContaining(['app/(clinic)/patients/[patientId]/invitation-actions.ts', 'app/(clinic)/admin/actions.ts', 'lib/server/programme/programme-document.tsx']));
  });
});
