// Types for the parts of text-readability (a JavaScript port of Python's textstat, no bundled types)
// that the readability gate uses.
declare module 'text-readability' {
  type Readability = {
    /** Flesch-Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59, each average rounded to 0.1 first. */
    fleschKincaidGrade(text: string): number;
    /** Words, counted after punctuation is removed. */
    lexiconCount(text: string, removePunctuation?: boolean): number;
    /** Syllables, by the `syllable` package. */
    syllableCount(text: string, lang?: string): number;
    /** Sentences: split at . ? ! before a capital letter; sentences of two words or fewer are not counted; at least 1. */
    sentenceCount(text: string): number;
  };
  const readability: Readability;
  export default readability;
}
