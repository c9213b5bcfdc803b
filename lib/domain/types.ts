// Vocabulary shared by every clinical rule. Mirrors the enums in prisma/schema.prisma so the
// domain stays free of the database client.

export type Role = 'ADMIN' | 'THERAPIST' | 'SURGEON' | 'PATIENT';

// SUPERVISED: done with the therapist in clinic. SELF_DIRECTED: done alone at home, which is
// why it needs the surgeon's sign-off before the patient sees it.
export type ItemMode = 'SUPERVISED' | 'SELF_DIRECTED';

export type Side = 'NONE' | 'LEFT' | 'RIGHT' | 'EACH' | 'BOTH';

export type SignOffStatus = 'PENDING' | 'SIGNED' | 'DECLINED';

export type Dosage = {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
  minutes: number | null;
  side: Side;
};

export const ROLES: readonly Role[] = ['ADMIN', 'THERAPIST', 'SURGEON', 'PATIENT'];
export const ITEM_MODES: readonly ItemMode[] = ['SUPERVISED', 'SELF_DIRECTED'];
export const SIDES: readonly Side[] = ['NONE', 'LEFT', 'RIGHT', 'EACH', 'BOTH'];
export const SIGN_OFF_STATUSES: readonly SignOffStatus[] = ['PENDING', 'SIGNED', 'DECLINED'];
