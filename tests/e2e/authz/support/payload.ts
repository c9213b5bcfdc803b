import { rows } from './database';
import type { Clinic, Role } from './actors';

/**
 * What a response hands the browser, as text to search: the HTML, plus the React Server Components payload
 * of the inline `self.__next_f.push([1,"…"])` scripts decoded from its JS string escapes (a field sent to a
 * client component is there even when nothing renders it). RSC streams (`text/x-component`) are already text.
 */
export function sentText(body: string): string {
  const chunks: string[] = [];
  for (const match of body.matchAll(/self\.__next_f\.push\((\[[\s\S]*?\])\)<\/script>/g)) {
    try {
      const pushed = JSON.parse(match[1] ?? '[]') as unknown[];
      if (typeof pushed[1] === 'string') chunks.push(pushed[1]);
    } catch {
      // Not a JSON-shaped push (never seen); the raw HTML is still searched.
    }
  }
  return `${body}\n${chunks.join('')}`;
}

export type Viewer = { clinic: Clinic | null; role: Role | null; userId: string | null; patientId: string | null };

/** What one viewer must never be sent, in any page or answer. */
export type LeakRules = {
  /** Record ids, content hashes, approval and signature hashes. */
  ids: Map<string, string>;
  /** Texts matched as whole words, case-sensitive: patients' last names, draft-only exercise names. */
  words: Map<string, string>;
  /** Plain substrings: emails, user names, therapist notes, password hashes. */
  texts: Map<string, string>;
};

type RecordRow = { kind: string; id: string; clinicId: string; patientId: string | null };

const RECORDS_SQL = `
  WITH pv AS (
    SELECT v."id", v."status", e."patientId", p."clinicId"
    FROM "PlanVersion" v JOIN "Plan" pl ON pl."id" = v."planId" JOIN "Episode" e ON e."id" = pl."episodeId" JOIN "Patient" p ON p."id" = e."patientId"
  )
  SELECT 'patient' AS "kind", p."id", p."clinicId", p."id" AS "patientId" FROM "Patient" p
  UNION ALL SELECT 'user', u."id", u."clinicId", NULL FROM "User" u
  UNION ALL SELECT 'exercise', x."id", x."clinicId", NULL FROM "Exercise" x
  UNION ALL SELECT 'protocol', r."id", r."clinicId", NULL FROM "Protocol" r
  UNION ALL SELECT 'phase', ph."id", r."clinicId", NULL FROM "ProtocolPhase" ph JOIN "Protocol" r ON r."id" = ph."protocolId"
  UNION ALL SELECT 'episode', e."id", p."clinicId", p."id" FROM "Episode" e JOIN "Patient" p ON p."id" = e."patientId"
  UNION ALL SELECT 'plan', pl."id", p."clinicId", p."id" FROM "Plan" pl JOIN "Episode" e ON e."id" = pl."episodeId" JOIN "Patient" p ON p."id" = e."patientId"
  UNION ALL SELECT 'version', pv."id", pv."clinicId", pv."patientId" FROM pv
  UNION ALL SELECT 'approvedHash', v."approvedHash", pv."clinicId", pv."patientId" FROM "PlanVersion" v JOIN pv ON pv."id" = v."id" WHERE v."approvedHash" IS NOT NULL
  UNION ALL SELECT 'item', i."id", pv."clinicId", pv."patientId" FROM "PlanItem" i JOIN pv ON pv."id" = i."versionId"
  UNION ALL SELECT 'contentHash', i."contentHash", pv."clinicId", pv."patientId" FROM "PlanItem" i JOIN pv ON pv."id" = i."versionId"
  UNION ALL SELECT 'signOff', s."id", p."clinicId", p."id" FROM "SignOff" s JOIN "Patient" p ON p."id" = s."patientId"
  UNION ALL SELECT 'signatureHash', s."signatureHash", p."clinicId", p."id" FROM "SignOff" s JOIN "Patient" p ON p."id" = s."patientId" WHERE s."signatureHash" IS NOT NULL
  UNION ALL SELECT 'sessionLog', l."id", p."clinicId", p."id" FROM "SessionLog" l JOIN "Patient" p ON p."id" = l."patientId"
  UNION ALL SELECT CASE a."kind" WHEN 'PAIN' THEN 'painAlert' ELSE 'signAlert' END, a."id", a."clinicId", a."patientId" FROM "Alert" a
  UNION ALL SELECT 'warningSignReport', r."id", p."clinicId", p."id" FROM "WarningSignReport" r JOIN "Patient" p ON p."id" = r."patientId"
  UNION ALL SELECT 'surgeonOrder', o."id", p."clinicId", p."id" FROM "SurgeonOrder" o JOIN "Episode" e ON e."id" = o."episodeId" JOIN "Patient" p ON p."id" = e."patientId"
  UNION ALL SELECT 'orderContentHash', o."contentHash", p."clinicId", p."id" FROM "SurgeonOrder" o JOIN "Episode" e ON e."id" = o."episodeId" JOIN "Patient" p ON p."id" = e."patientId"
  UNION ALL SELECT 'orderSignatureHash', o."signatureHash", p."clinicId", p."id" FROM "SurgeonOrder" o JOIN "Episode" e ON e."id" = o."episodeId" JOIN "Patient" p ON p."id" = e."patientId"
  UNION ALL SELECT 'media', m."id", m."clinicId", NULL FROM "ExerciseMedia" m
  UNION ALL SELECT 'invitation', iv."id", u."clinicId", NULL FROM "Invitation" iv JOIN "User" u ON u."id" = iv."userId"`;

/**
 * Free text patients and clinicians write about a patient: session notes, the notes that close alerts, and the
 * surgeon's note to the care team on an order. Only distinctive ones (20 characters or more) are looked for,
 * so a short "ok" is no sign of a leak.
 */
const NOTES_SQL = `
  SELECT 'a session note' AS "kind", l."note" AS "text", p."clinicId", p."id" AS "patientId", NULL::text AS "alertKind", false AS "isForCareTeam"
  FROM "SessionLog" l JOIN "Patient" p ON p."id" = l."patientId" WHERE length(l."note") >= 20
  UNION ALL SELECT 'the note that closed an alert', a."acknowledgementNote", a."clinicId", a."patientId", a."kind"::text, true
  FROM "Alert" a WHERE length(a."acknowledgementNote") >= 20
  UNION ALL SELECT 'the surgeon''s note on an order', o."note", p."clinicId", p."id", NULL::text, true
  FROM "SurgeonOrder" o JOIN "Episode" e ON e."id" = o."episodeId" JOIN "Patient" p ON p."id" = e."patientId" WHERE length(o."note") >= 20`;

type NoteRow = { kind: string; text: string; clinicId: string; patientId: string; alertKind: string | null; isForCareTeam: boolean };

type PatientRow = { id: string; clinicId: string; lastName: string; email: string; userId: string | null; careTeam: string[] };
type UserRow = { id: string; clinicId: string; email: string; name: string };

async function clinicIds(): Promise<Record<Clinic, string>> {
  const found = await rows<{ id: string; name: string }>(`SELECT "id", "name" FROM "Clinic" WHERE "name" IN ('Harbor Spine & Rehab', 'Summit Physio')`);
  const harbor = found.find((clinic) => clinic.name === 'Harbor Spine & Rehab')?.id;
  const summit = found.find((clinic) => clinic.name === 'Summit Physio')?.id;
  if (!harbor || !summit) throw new Error('The demo clinics are missing: was the database seeded?');
  return { harbor, summit };
}

/** A readable 30-character stretch of each exercise's therapist notes: clinician-only text. */
export function noteSnippet(notes: string): string | null {
  const stretch = /[A-Za-z0-9 ,.;]{30,}/.exec(notes);
  return stretch ? stretch[0].slice(0, 30) : null;
}

/**
 * Exercises on a patient's plan that the portal may not show them: everything on their plan except approved
 * supervised items and approved home items the surgeon signed off on exactly that content. Each by its
 * clinical name and by the plain name the portal would give it.
 */
async function unclearedExercises(patientId: string): Promise<Array<{ exerciseName: string; patientNames: string[] }>> {
  const found = await rows<{ exerciseName: string; patientNames: string[]; isCleared: boolean }>(
    `SELECT i."exerciseName", array_agg(DISTINCT i."patientName") FILTER (WHERE i."patientName" <> '') AS "patientNames",
        bool_or(v."status" = 'APPROVED' AND (i."mode" = 'SUPERVISED' OR EXISTS (
        SELECT 1 FROM "SignOff" s WHERE s."patientId" = e."patientId" AND s."contentHash" = i."contentHash" AND s."status" = 'SIGNED'))) AS "isCleared"
     FROM "PlanItem" i JOIN "PlanVersion" v ON v."id" = i."versionId" JOIN "Plan" pl ON pl."id" = v."planId" JOIN "Episode" e ON e."id" = pl."episodeId"
     WHERE e."patientId" = $1 GROUP BY i."exerciseName"`,
    [patientId],
  );
  return found.filter((row) => !row.isCleared).map((row) => ({ exerciseName: row.exerciseName, patientNames: row.patientNames ?? [] }));
}

/**
 * The product's rules about who may see what, as a list of things that must not be in a response:
 * - nobody gets a password hash;
 * - nobody gets anything of another clinic: record ids, hashes, patients' names and emails, users' names and emails;
 * - a therapist or surgeon gets nothing of a patient of their clinic whose care team they are not on;
 * - a surgeon and a patient get no therapist notes (catalog.read is for admins and therapists);
 * - a surgeon gets no pain alert (id or closing note): surgeons see the warning-sign alerts only
 *   (lib/domain/alerts.ts); a patient gets no alert or report id and no note that closed an alert;
 * - nobody gets a session note, an alert's closing note or a surgeon's order note of a patient they may not see;
 * - nobody gets a photo or video id of another clinic;
 * - a patient gets nothing of another patient, no hash of any kind, no id of a plan version, item, sign-off or
 *   order, no note the surgeon wrote to the care team, and no exercise of their plan that is not cleared for
 *   them (drafts, waiting for the surgeon), by its clinical or its plain name, nor its photos' ids;
 * - signed out, nothing of anyone.
 */
export async function leakRulesFor(viewer: Viewer): Promise<LeakRules> {
  const clinics = await clinicIds();
  const viewerClinicId = viewer.clinic ? clinics[viewer.clinic] : null;
  const [records, patients, users, exercises, notes, media] = await Promise.all([
    rows<RecordRow>(RECORDS_SQL),
    rows<PatientRow>(
      `SELECT p."id", p."clinicId", p."lastName", p."email", p."userId", COALESCE(array_agg(c."userId") FILTER (WHERE c."userId" IS NOT NULL), '{}') AS "careTeam"
       FROM "Patient" p LEFT JOIN "CareTeamMember" c ON c."patientId" = p."id" GROUP BY p."id"`,
    ),
    rows<UserRow>('SELECT "id", "clinicId", "email", "name" FROM "User"'),
    rows<{ id: string; clinicId: string; name: string; therapistNotes: string }>('SELECT "id", "clinicId", "name", "therapistNotes" FROM "Exercise"'),
    rows<NoteRow>(NOTES_SQL),
    rows<{ id: string; exerciseId: string }>('SELECT "id", "exerciseId" FROM "ExerciseMedia"'),
  ]);
  const rules: LeakRules = { ids: new Map(), words: new Map(), texts: new Map([['$argon2', 'a password hash']]) };

  const hiddenPatients = new Set<string>();
  for (const patient of patients) {
    const isOtherClinic = patient.clinicId !== viewerClinicId;
    const isOffCareTeam = (viewer.role === 'THERAPIST' || viewer.role === 'SURGEON') && !patient.careTeam.includes(viewer.userId ?? '');
    const isSomeoneElse = viewer.role === 'PATIENT' && patient.id !== viewer.patientId;
    if (!isOtherClinic && !isOffCareTeam && !isSomeoneElse) continue;
    hiddenPatients.add(patient.id);
    const why = isOtherClinic ? 'a patient of another clinic' : isOffCareTeam ? 'a patient outside the care team' : 'another patient';
    rules.words.set(patient.lastName, `the name of ${why}`);
    if (patient.email) rules.texts.set(patient.email, `the email of ${why}`);
  }
  // A content hash covers the prescription, not the patient: two patients' identical Walking share one. A
  // value is hidden only when no record the viewer may see carries it.
  const visibleValues = new Set<string>();
  const hiddenValues = new Map<string, string>();
  for (const record of records) {
    const isOtherClinic = record.clinicId !== viewerClinicId;
    const isHiddenPatient = record.patientId !== null && hiddenPatients.has(record.patientId);
    if (isOtherClinic || isHiddenPatient) {
      hiddenValues.set(record.id, `${record.kind} of ${isOtherClinic ? 'another clinic' : 'a patient this viewer may not see'}`);
      continue;
    }
    if (viewer.role === 'SURGEON' && record.kind === 'painAlert') {
      hiddenValues.set(record.id, 'a pain alert (surgeons see warning-sign alerts only)');
      continue;
    }
    visibleValues.add(record.id);
    if (viewer.role !== 'PATIENT') continue;
    const isHash = record.kind === 'contentHash' || record.kind === 'approvedHash' || record.kind === 'signatureHash' || record.kind === 'orderContentHash' || record.kind === 'orderSignatureHash';
    const isPlanInternal =
      record.kind === 'surgeonOrder' ||
      record.kind === 'version' ||
      record.kind === 'item' ||
      record.kind === 'signOff' ||
      record.kind === 'invitation' ||
      record.kind === 'painAlert' ||
      record.kind === 'signAlert' ||
      record.kind === 'warningSignReport';
    const isOtherUser = record.kind === 'user' && record.id !== viewer.userId;
    if (isHash || isPlanInternal || isOtherUser) rules.ids.set(record.id, `${record.kind} (never sent to a patient)`);
  }
  for (const [value, why] of hiddenValues) {
    if (!visibleValues.has(value)) rules.ids.set(value, why);
  }
  // The same text may be written about two patients: it is hidden only when no note the viewer may read has it.
  const readableNotes = new Set<string>();
  const hiddenNotes = new Map<string, string>();
  for (const note of notes) {
    const isOtherClinic = note.clinicId !== viewerClinicId;
    const isHiddenPatient = hiddenPatients.has(note.patientId);
    const isUnseenAlert = viewer.role === 'SURGEON' && note.alertKind === 'PAIN';
    const isForCareTeamOnly = note.isForCareTeam && viewer.role === 'PATIENT';
    if (isOtherClinic || isHiddenPatient || isUnseenAlert || isForCareTeamOnly) {
      const whose = isOtherClinic
        ? 'a patient of another clinic'
        : isHiddenPatient
          ? 'a patient this viewer may not see'
          : isUnseenAlert
            ? 'a pain alert this viewer does not see'
            : 'the care team (never sent to the patient)';
      hiddenNotes.set(note.text, `${note.kind} of ${whose}`);
    } else {
      readableNotes.add(note.text);
    }
  }
  for (const [text, why] of hiddenNotes) {
    if (!readableNotes.has(text)) rules.texts.set(text, why);
  }
  // Names are not unique: a name someone of the viewer's own clinic also has is no sign of a leak.
  const ownNames = new Set(users.filter((user) => user.clinicId === viewerClinicId).map((user) => user.name));
  for (const user of users) {
    if (user.clinicId === viewerClinicId) continue;
    rules.texts.set(user.email, 'the email of a user of another clinic');
    if (!ownNames.has(user.name)) rules.texts.set(user.name, 'the name of a user of another clinic');
  }
  if (viewer.role !== 'ADMIN' && viewer.role !== 'THERAPIST') {
    for (const exercise of exercises) {
      const snippet = noteSnippet(exercise.therapistNotes);
      if (snippet) rules.texts.set(snippet, `therapist notes of ${exercise.name}`);
    }
  }
  if (viewer.role === 'PATIENT' && viewer.patientId) {
    for (const { exerciseName: name, patientNames } of await unclearedExercises(viewer.patientId)) {
      rules.words.set(name, `${name}, on the plan but not cleared for this patient`);
      for (const plain of patientNames) rules.words.set(plain, `${plain} (${name}), on the plan but not cleared for this patient`);
      for (const exercise of exercises) {
        if (exercise.clinicId !== viewerClinicId || exercise.name !== name) continue;
        rules.ids.set(exercise.id, `id of ${name}, not cleared for this patient`);
        for (const photo of media) if (photo.exerciseId === exercise.id) rules.ids.set(photo.id, `a photo or video of ${name}, not cleared for this patient`);
      }
    }
  }
  return rules;
}

/** Merges two sets of rules: what must be absent under both (used around a request that races another spec). */
export function bothRules(before: LeakRules, after: LeakRules): LeakRules {
  const keep = <T>(first: Map<string, T>, second: Map<string, T>) => new Map([...first].filter(([key]) => second.has(key)));
  return { ids: keep(before.ids, after.ids), words: keep(before.words, after.words), texts: keep(before.texts, after.texts) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What of `rules` a response carries. What the request itself named (in its URL or form) is not a leak
 * when echoed back: a 404 page's router state repeats the URL it was asked for.
 */
export function findLeaks(body: string, rules: LeakRules, requested: string): string[] {
  const text = sentText(body);
  const leaks: string[] = [];
  for (const token of new Set(text.match(/[a-z0-9]{20,}/g) ?? [])) {
    const why = rules.ids.get(token);
    if (why && !requested.includes(token)) leaks.push(`${why}: ${token}`);
  }
  for (const [word, why] of rules.words) {
    if (requested.includes(word)) continue;
    if (new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(word)}(?![A-Za-z0-9])`).test(text)) leaks.push(`${why}: "${word}"`);
  }
  for (const [snippet, why] of rules.texts) {
    if (requested.includes(snippet)) continue;
    // An email is found whole: "patient@harbor.test" is not in "fusion.patient@harbor.test".
    const isFound = snippet.includes('@') ? new RegExp(`(?<![A-Za-z0-9._%+-])${escapeRegExp(snippet)}`).test(text) : text.includes(snippet);
    if (isFound) leaks.push(`${why}: "${snippet}"`);
  }
  return leaks;
}
