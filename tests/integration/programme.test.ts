// The printed programme: what the PDF carries is what the portal shows, for the patient and their care team
// only. Text is read back out of the rendered PDF with pdfjs-dist, so these tests see what a printer would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { signWithAction, WARNING_SIGNS } from '@/lib/domain/warning-signs';
import { db } from '@/lib/server/db';
import { setFeaturedMedia } from '@/lib/server/media/set-featured-media';
import { storeExerciseMedia } from '@/lib/server/media/store-exercise-media';
import { getPortalPlan } from '@/lib/server/portal/get-portal-plan';
import { getProgramme } from '@/lib/server/programme/get-programme';
import { loadProgrammePhotos } from '@/lib/server/programme/load-programme-photos';
import { renderProgrammePdf } from '@/lib/server/programme/programme-document';
import { EXERCISES } from '@/prisma/data/catalog';
import { auditCursor, auditRowsSince } from './support/audit';
import { TODAY, advance, approveDraft, decide, registerPatient, type RegisteredPatient } from './support/plan-flow';
import { createWorld, type World } from './support/world';
import type { Actor } from '@/lib/server/authz/actor';

let world: World;
const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
/** Phase 2: Walking and Hamstring stretch signed; Knee flexion, Pelvic tilt and the rest still waiting. */
let patient: RegisteredPatient;

const plain = (name: string) => EXERCISES.find((exercise) => exercise.name === name)?.patientName ?? name;

async function pdfFor(actor: Actor, input: Record<string, unknown> = {}) {
  const programme = await getProgramme({ actor, input });
  return renderProgrammePdf(programme, { photos: await loadProgrammePhotos(programme), now: new Date() });
}

/** Every page's text, one string per page, and each page's size in points. */
async function readPdf(bytes: Buffer) {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl }).promise;
  const pages: { text: string; width: number; height: number }[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' ');
    const [, , width = 0, height = 0] = page.view;
    pages.push({ text, width: Math.round(width), height: Math.round(height) });
  }
  await document.destroy();
  return { pages, text: pages.map((page) => page.text).join(' ') };
}

/** The exercise names the PDF prints under "At home", in order, among the names it could print. */
function homeNamesIn(text: string, candidates: string[]) {
  const home = text.slice(text.indexOf('At home'), text.indexOf('With your therapist') > 0 ? text.indexOf('With your therapist') : undefined);
  return candidates.filter((name) => home.includes(name)).sort((a, b) => home.indexOf(a) - home.indexOf(b));
}

beforeAll(async () => {
  world = await createWorld();
  const therapist = world.a.actors.therapist;
  patient = await registerPatient(world.a, { surgeryDaysAgo: 10 });
  await approveDraft(therapist, patient.patientId);
  await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
  await advance(therapist, patient.patientId);
  await approveDraft(therapist, patient.patientId);
  await decide(world.a.actors.surgeon, patient.patientId, 'Hamstring stretch');
});

describe('the printed programme', () => {
  it('prints exactly the exercises the portal shows, and the next one once the surgeon signs it', async () => {
    const catalogNames = EXERCISES.map((exercise) => plain(exercise.name));
    const portal = await getPortalPlan({ actor: patient.actor, today: TODAY });
    const before = await readPdf(await pdfFor(patient.actor));
    expect(portal.home.map((exercise) => exercise.name)).toEqual([plain('Walking'), plain('Hamstring stretch')]);
    expect(homeNamesIn(before.text, catalogNames)).toEqual(portal.home.map((exercise) => exercise.name));
    for (const step of portal.home.flatMap((exercise) => exercise.steps)) expect(before.text).toContain(step.replace(/\s+/g, ' '));
    expect(before.text).not.toContain(plain('Knee flexion'));

    await decide(world.a.actors.surgeon, patient.patientId, 'Knee flexion');
    const after = await readPdf(await pdfFor(patient.actor));
    const portalAfter = await getPortalPlan({ actor: patient.actor, today: TODAY });
    expect(portalAfter.home.map((exercise) => exercise.name)).toContain(plain('Knee flexion'));
    expect(homeNamesIn(after.text, catalogNames)).toEqual(portalAfter.home.map((exercise) => exercise.name));
  });

  it('carries the dosage, the warning signs and the clinic phone, and nothing of the care team only', async () => {
    await db.clinic.update({ where: { id: world.a.clinic.id }, data: { phone: '555-0142' } });
    const { text } = await readPdf(await pdfFor(patient.actor));
    const portal = await getPortalPlan({ actor: patient.actor, today: TODAY });
    for (const exercise of portal.home) expect(text).toContain(exercise.dosageText);
    const clinic = await db.clinic.findUniqueOrThrow({ where: { id: world.a.clinic.id }, select: { emergencyNumber: true } });
    for (const sign of WARNING_SIGNS) expect(text).toContain(signWithAction(sign, clinic).replace(/\s+/g, ' '));
    expect(text).toContain('555-0142');
    expect(text).toContain(`${patient.lastName}`);
    expect(text).not.toMatch(/[0-9a-f]{64}/); // no content hashes
  });

  it('renders every page as a printer would (pdftoppm): the paper\'s shape, in black and white, with ink on it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'regimen-programme-'));
    try {
      for (const [paper, ratio] of [['A4', 297 / 210], ['LETTER', 11 / 8.5]] as const) {
        const file = path.join(folder, `${paper}.pdf`);
        writeFileSync(file, await pdfFor(patient.actor, { paper }));
        // -gray: the page as a black-and-white printer sees it.
        execFileSync(process.env.PDFTOPPM_PATH ?? 'pdftoppm', ['-r', '40', '-gray', '-png', file, path.join(folder, paper)]);
        const pages = readdirSync(folder).filter((name) => name.startsWith(`${paper}-`) && name.endsWith('.png'));
        expect(pages.length).toBeGreaterThan(0);
        for (const name of pages) {
          const image = sharp(path.join(folder, name));
          const { width = 0, height = 0 } = await image.metadata();
          expect(height / width).toBeCloseTo(ratio, 1);
          // Ink on every page: some pixels near black (text), most near white (paper).
          const { data } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
          const dark = data.filter((value) => value < 80).length / data.length;
          expect(dark).toBeGreaterThan(0.002);
          expect(dark).toBeLessThan(0.3);
        }
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('prints on A4 by default and on US Letter when asked', async () => {
    const a4 = await readPdf(await pdfFor(patient.actor));
    const letter = await readPdf(await pdfFor(patient.actor, { paper: 'letter' }));
    expect(a4.pages.every((page) => page.width === 595 && page.height === 842)).toBe(true);
    expect(letter.pages.every((page) => page.width === 612 && page.height === 792)).toBe(true);
  });

  it("the care team prints the same programme for their patient, and the download is audited", async () => {
    const cursor = await auditCursor();
    const own = await readPdf(await pdfFor(patient.actor));
    const therapist = await readPdf(await pdfFor(world.a.actors.therapist, { patientId: patient.patientId }));
    expect(therapist.text.replace(/\d{1,2} \w+ \d{4}/g, '')).toBe(own.text.replace(/\d{1,2} \w+ \d{4}/g, ''));
    const rows = await auditRowsSince(cursor, { action: 'programme.download', entityId: patient.patientId });
    expect(rows.map((row) => row.actorId)).toEqual([patient.actor.userId, world.a.actors.therapist.userId]);
  });

  it("embeds the clinic's chosen photo in place of the drawing", async () => {
    const withoutPhoto = await pdfFor(patient.actor);
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 120, b: 60 } } }).jpeg().toBuffer();
    async function* once() {
      yield new Uint8Array(photo);
    }
    const walking = world.a.exerciseIds.get('Walking')!;
    const stored = await storeExerciseMedia({ actor: world.a.actors.therapist, exerciseId: walking, description: 'Walking in the hall', file: once() });
    await setFeaturedMedia({ actor: world.a.actors.therapist, input: { exerciseId: walking, mediaId: stored.id } });
    const withPhoto = await pdfFor(patient.actor);
    const images = (bytes: Buffer) => bytes.toString('latin1').match(/\/Subtype\s*\/Image/g)?.length ?? 0;
    expect(images(withPhoto)).toBe(images(withoutPhoto) + 1);
  });

  it.each([
    ["another patient asking for this patient's programme", () => world.a.actors.patient, () => ({ patientId: patient.patientId })],
    ["the other clinic's therapist", () => world.b.actors.therapist, () => ({ patientId: patient.patientId })],
    ["the other clinic's admin", () => world.b.actors.admin, () => ({ patientId: patient.patientId })],
    ['a clinician naming no patient', () => world.a.actors.therapist, () => ({})],
  ])('%s: NOT_FOUND, and nothing is audited as a download', async (_who, actor, input) => {
    const cursor = await auditCursor();
    await expect(getProgramme({ actor: actor(), input: input() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await auditRowsSince(cursor, { action: 'programme.download', entityId: patient.patientId })).toEqual([]);
  });

  it.each([[{ paper: 'A3' }], [{ patientId: 'not-an-id' }], [{ paper: 'A4', extra: 'x' }]])('rejects %j with a clear message', async (input) => {
    await expect(getProgramme({ actor: world.a.actors.therapist, input: { patientId: patient.patientId, ...input } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
