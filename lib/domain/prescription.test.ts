import { describe, expect, it } from 'vitest';
import { unsavedPrescriptions, type ShownPrescription } from './prescription';
import type { Dosage } from './types';

const dosage: Dosage = { sets: null, reps: null, holdSeconds: null, timesPerDay: 3, daysPerWeek: 7, minutes: 10, side: 'NONE' };
const walking = { id: 'w', exerciseName: 'Walking', mode: 'SELF_DIRECTED' as const, patientNotes: 'Flat ground', dosage };
const onScreen: ShownPrescription = { itemId: 'w', mode: 'SELF_DIRECTED', patientNotes: 'Flat ground', sets: '', reps: '', holdSeconds: '', timesPerDay: '3', daysPerWeek: '7', minutes: '10', side: 'NONE' };

describe('unsavedPrescriptions', () => {
  it('finds nothing when the screen shows what is saved', () => {
    expect(unsavedPrescriptions([walking], [onScreen])).toEqual([]);
  });

  it('names an exercise whose minutes were changed without saving (the issue: 20 typed, 10 saved)', () => {
    expect(unsavedPrescriptions([walking], [{ ...onScreen, minutes: '20' }])).toEqual(['Walking']);
  });

  it('names changes to the mode, notes, side or a blanked field', () => {
    expect(unsavedPrescriptions([walking], [{ ...onScreen, mode: 'SUPERVISED' }])).toEqual(['Walking']);
    expect(unsavedPrescriptions([walking], [{ ...onScreen, patientNotes: 'Hills' }])).toEqual(['Walking']);
    expect(unsavedPrescriptions([walking], [{ ...onScreen, side: 'EACH' }])).toEqual(['Walking']);
    expect(unsavedPrescriptions([walking], [{ ...onScreen, timesPerDay: '' }])).toEqual(['Walking']);
  });

  it('treats a saved item missing from the screen, or a screen item no longer saved, as a difference', () => {
    expect(unsavedPrescriptions([walking], [])).toEqual(['Walking']);
    expect(unsavedPrescriptions([], [onScreen])).toEqual(['an exercise that is no longer in this draft']);
  });

  it('ignores spaces around typed values, as saving does', () => {
    expect(unsavedPrescriptions([walking], [{ ...onScreen, minutes: ' 10 ', patientNotes: 'Flat ground ' }])).toEqual([]);
  });
});
