// Flesch-Kincaid grade of a patient-facing text, by the text-readability package.
import readability from 'text-readability';

/** The highest grade a patient-facing text may read at. */
export const MAX_GRADE = 6;

export type Grade = {
  /** The package's own fleschKincaidGrade. */
  library: number;
  /**
   * The same formula on the package's own word, sentence and syllable counts, without the package's
   * rounding of each average to one decimal (which can move a grade by up to about 0.6 either way).
   */
  unrounded: number;
  /** The grade the gate holds a text to: the higher of the two, so rounding never lets a text through. */
  grade: number;
  words: number;
  sentences: number;
  syllables: number;
};

export function fleschKincaid(text: string): Grade {
  const words = readability.lexiconCount(text);
  const sentences = readability.sentenceCount(text);
  const syllables = readability.syllableCount(text);
  const library = readability.fleschKincaidGrade(text);
  const unrounded = words === 0 ? 0 : 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
  return { library, unrounded, grade: Math.max(library, unrounded), words, sentences, syllables };
}

/** "grade 4.4 (package 4.4, unrounded 3.84; 12 words, 1 sentence, 15 syllables)" */
export function describeGrade(g: Grade): string {
  return `grade ${g.grade.toFixed(1)} (package ${g.library.toFixed(1)}, unrounded ${g.unrounded.toFixed(2)}; ${g.words} words, ${g.sentences} sentences, ${g.syllables} syllables)`;
}
