// A printed PDF read back with pdf.js (Mozilla's reader): each page's text and size, for the tests
// that print a screen to A4.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** The page's text, runs joined by single spaces. */
  readonly text: string;
  /** Width and height in points (A4 portrait: 595 × 842). */
  readonly size: readonly [number, number];
}

export async function readPdf(bytes: Buffer): Promise<PdfPage[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: true }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    pages.push({
      text: content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '),
      size: [Math.round(x1 - x0), Math.round(y1 - y0)],
    });
  }
  await pdf.destroy();
  return pages;
}

/** The PDF's pages, each as its text. */
export async function pdfPages(bytes: Buffer): Promise<string[]> {
  return (await readPdf(bytes)).map((p) => p.text);
}
