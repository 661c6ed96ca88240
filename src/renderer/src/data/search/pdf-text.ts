/** The part of pdf.js's document proxy that text extraction needs (kept structural: no pdf.js import here). */
export interface PdfTextSource {
  numPages: number;
  getPage(pageNumber: number): Promise<{
    getTextContent(): Promise<{ items: readonly ({ str: string; hasEOL?: boolean } | { type: string })[] }>;
  }>;
}

/** Longest text kept per file: enough for any publication, bounded for the index and the database. */
export const MAX_PDF_TEXT_CHARS = 2_000_000;

/** Extracts the text of every page with pdf.js `getTextContent`, lines kept, pages separated by a blank line. */
export async function pdfTextOf(pdf: PdfTextSource): Promise<string> {
  const pages: string[] = [];
  let total = 0;
  for (let number = 1; number <= pdf.numPages && total < MAX_PDF_TEXT_CHARS; number += 1) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str;
      if (item.hasEOL === true) text += '\n';
      else if (item.str.length > 0 && !item.str.endsWith(' ')) text += ' ';
    }
    pages.push(text.trim());
    total += text.length;
  }
  return pages.join('\n\n').slice(0, MAX_PDF_TEXT_CHARS);
}

/** Gives the text of a downloaded file, or null when it is not stored (any more) or is not a PDF. */
export type PdfTextExtractor = (sha256: string) => Promise<string | null>;
