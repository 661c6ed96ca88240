import type { PDFDocumentProxy } from 'pdfjs-dist';

/**
 * Loads pdf.js only when a PDF is opened (it is large) and opens a file
 * with evaluation turned off: fonts are never compiled with `eval`/`Function`,
 * which the CSP forbids anyway. pdf.js core has no JavaScript execution of
 * its own: PDF scripting lives only in the pdf.js *viewer*'s sandbox
 * (pdf.sandbox.mjs), which is never loaded here, so document scripts cannot run.
 * XFA forms are off as well.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  // The worker is an app asset (worker-src 'self' in the CSP).
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs.getDocument({ data: bytes, isEvalSupported: false, enableXfa: false }).promise;
}
