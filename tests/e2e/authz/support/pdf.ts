import path from 'node:path';

/**
 * The text a PDF prints, page after page, read back with pdfjs-dist (as tests/integration/programme.test.ts
 * does): what a printed programme shows its reader, for the same checks as an HTML page.
 */
export async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const { info } = (await document.getMetadata()) as { info: { Title?: string } };
  await document.destroy();
  // The document's title (the patient's name) is in the file too: a viewer shows it in the window's title bar.
  return [info.Title ?? '', ...pages].join('\n').replace(/[ \t]+/g, ' ');
}
