// Which paper a printed programme is laid out for. Most of the world prints on A4; the Americas countries
// below print on US Letter. The patient's browser says where they are through its preferred language's region
// (Accept-Language: "en-US", "es-MX"); the first tag with a region decides, and A4 is the fallback.

export const PAPER_SIZES = ['A4', 'LETTER'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Regions where US Letter is the usual paper (ISO 3166-1 alpha-2). */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'PR', 'GT', 'CR', 'PA', 'DO', 'SV', 'NI', 'BZ']);

export const PAPER_LABELS: Record<PaperSize, string> = { A4: 'A4 paper', LETTER: 'letter paper' };

export function paperForLanguages(acceptLanguage: string | null | undefined): PaperSize {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim() ?? '';
    const region = tag.split('-').find((subtag, index) => index > 0 && /^[A-Za-z]{2}$/.test(subtag));
    if (region) return LETTER_REGIONS.has(region.toUpperCase()) ? 'LETTER' : 'A4';
  }
  return 'A4';
}

export const otherPaper = (paper: PaperSize): PaperSize => (paper === 'A4' ? 'LETTER' : 'A4');
