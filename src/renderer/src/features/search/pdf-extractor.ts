import type { Api } from '../../../../shared/contract';
import { pdfTextOf, type PdfTextExtractor } from '../../data/search/pdf-text';
import { openPdf } from '../library/pdf-loader';

/** Reads a downloaded file through main's file protocol and extracts its text with pdf.js. */
export function pdfExtractor(api: Pick<Api, 'files'>): PdfTextExtractor {
  return async (sha256) => {
    const url = await api.files.url({ sha256 });
    if (!url.ok || url.value === null) return null;
    const response = await fetch(url.value);
    if (!response.ok) return null;
    const pdf = await openPdf(new Uint8Array(await response.arrayBuffer()));
    try {
      return await pdfTextOf(pdf);
    } finally {
      await pdf.destroy();
    }
  };
}
