import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DownloadState } from '../../../../shared/contract';
import { useApi } from '../../app/api-context';
import { formatBytes } from '../../ui/format';
import { openPdf } from './pdf-loader';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; pdf: PDFDocumentProxy };

/**
 * The in-app PDF viewer: pages drawn on a canvas by pdf.js, with page
 * navigation and zoom. The file comes from the local store only; when it
 * is not there yet, the viewer says so, offers the download, shows its
 * progress, and opens the file the moment it arrives (or closes it if the
 * offline copy is removed meanwhile).
 */
export function PdfViewer({
  sha256,
  title,
  onDownload,
  onClose,
}: {
  sha256: string;
  title: string;
  onDownload: () => void;
  onClose: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('library');
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  // This file's download, as main reports it; `stored` changes when it arrives in or leaves the store.
  const [file, setFile] = useState<DownloadState | null>(null);
  const [storeChanges, setStoreChanges] = useState(0);
  useEffect(() => {
    let live = true;
    void api.files.states().then((result) => {
      const state = result.ok ? result.value.find((candidate) => candidate.sha256 === sha256) : undefined;
      if (live && state !== undefined) setFile((current) => current ?? state);
    });
    const offChanged = api.on('files.changed', (state) => {
      if (state.sha256 !== sha256) return;
      setFile(state);
      if (state.status === 'done') setStoreChanges((count) => count + 1);
    });
    const offRemoved = api.on('files.removed', ({ sha256s }) => {
      if (!sha256s.includes(sha256)) return;
      setFile(null);
      setStoreChanges((count) => count + 1);
    });
    return () => {
      live = false;
      offChanged();
      offRemoved();
    };
  }, [api, sha256]);
  const [page, setPage] = useState(1);
  const [zoomIndex, setZoomIndex] = useState(2);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opening a document brings the viewer into view and moves focus to it.
  useEffect(() => {
    headingRef.current?.scrollIntoView({ block: 'start' });
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  const headingId = useId();

  useEffect(() => {
    let live = true;
    let pdf: PDFDocumentProxy | undefined;
    const load = async (): Promise<Loaded> => {
      const url = await api.files.url({ sha256 });
      if (!url.ok) return { status: 'error', message: url.error.message };
      if (url.value === null) return { status: 'missing' };
      const response = await fetch(url.value);
      if (!response.ok) return { status: 'error', message: `HTTP ${response.status}` };
      pdf = await openPdf(new Uint8Array(await response.arrayBuffer()));
      return { status: 'ready', pdf };
    };
    load()
      .catch((error: unknown): Loaded => ({ status: 'error', message: error instanceof Error ? error.message : '' }))
      .then((next) => {
        if (live) setLoaded(next);
        else void pdf?.destroy();
      })
      .catch(() => undefined);
    return () => {
      live = false;
      void pdf?.destroy();
    };
  }, [api, sha256, storeChanges]);

  const pdf = loaded.status === 'ready' ? loaded.pdf : null;
  // Once the document is here (at once, or after its download), bring its first page into view.
  useEffect(() => {
    if (pdf !== null) headingRef.current?.scrollIntoView({ block: 'start' });
  }, [pdf]);
  const scale = ZOOMS[zoomIndex] ?? 1;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (pdf === null || canvas === null) return;
    let task: RenderTask | undefined;
    let live = true;
    void pdf.getPage(page).then((proxy) => {
      if (!live) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = proxy.getViewport({ scale: scale * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      // CSSOM, not a style attribute: the CSP allows it. Shows the page at its CSS size on high-DPI screens.
      canvas.style.setProperty('inline-size', `${Math.floor(viewport.width / ratio)}px`);
      task = proxy.render({ canvas, viewport });
      task.promise.catch(() => undefined);
    });
    return () => {
      live = false;
      task?.cancel();
    };
  }, [pdf, page, scale]);

  const pages = pdf?.numPages ?? 0;
  return (
    <section className="pdf-viewer" aria-labelledby={headingId}>
      <div className="pdf-toolbar">
        <h2 id={headingId} tabIndex={-1} ref={headingRef}>
          {title}
        </h2>
        {pdf === null ? null : (
          <div className="pdf-controls" role="toolbar" aria-label={t('viewer.controls')}>
            <button type="button" className="button-secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('viewer.previous')}
            </button>
            <label className="pdf-page">
              <span>{t('viewer.page')}</span>
              <input
                type="number"
                min={1}
                max={pages}
                value={page}
                onChange={(event) => {
                  const next = Number(event.target.value);
                  if (Number.isInteger(next) && next >= 1 && next <= pages) setPage(next);
                }}
              />
              <span>{t('viewer.of', { count: pages })}</span>
            </label>
            <button
              type="button"
              className="button-secondary"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('viewer.next')}
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={zoomIndex === 0}
              onClick={() => setZoomIndex(zoomIndex - 1)}
            >
              {t('viewer.zoomOut')}
            </button>
            <output aria-live="polite">{t('viewer.zoom', { percent: Math.round(scale * 100) })}</output>
            <button
              type="button"
              className="button-secondary"
              disabled={zoomIndex === ZOOMS.length - 1}
              onClick={() => setZoomIndex(zoomIndex + 1)}
            >
              {t('viewer.zoomIn')}
            </button>
          </div>
        )}
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('viewer.close')}
        </button>
      </div>
      {loaded.status === 'loading' ? (
        <p className="state state-loading" role="status">
          {t('viewer.loading')}
        </p>
      ) : null}
      {loaded.status === 'missing' ? <MissingFile file={file} onDownload={onDownload} locale={i18n.language} /> : null}
      {loaded.status === 'error' ? (
        <div className="state state-error" role="alert">
          <p className="state-title">{t('viewer.error')}</p>
          <p>{loaded.message}</p>
        </div>
      ) : null}
      {pdf === null ? null : (
        <div className="pdf-canvas-frame">
          <canvas ref={canvasRef} aria-label={t('viewer.pageImage', { page, count: pages })} role="img" />
        </div>
      )}
    </section>
  );
}

/** Not on this computer: the download, or how far it has come, or why it failed. */
function MissingFile({
  file,
  onDownload,
  locale,
}: {
  file: DownloadState | null;
  onDownload: () => void;
  locale: string;
}): React.JSX.Element {
  const { t } = useTranslation('library');
  const busy = file?.status === 'queued' || file?.status === 'downloading' || file?.status === 'verifying';
  return (
    <div className="state state-empty">
      <p className="state-title">{busy ? t('viewer.arriving') : t('viewer.missing')}</p>
      {busy ? (
        <div className="variant-progress" role="status">
          <progress max={file.totalBytes || 1} value={file.receivedBytes} aria-label={t('viewer.arriving')} />
          <span>
            {t('variant.progress', {
              received: formatBytes(file.receivedBytes, locale),
              total: formatBytes(file.totalBytes, locale),
            })}
          </span>
        </div>
      ) : (
        <>
          {file?.status === 'failed' && file.error !== undefined ? (
            <p className="field-error">{t('variant.failed', { message: file.error.message })}</p>
          ) : null}
          <button type="button" className="button-primary" onClick={onDownload}>
            {t('viewer.download')}
          </button>
        </>
      )}
    </div>
  );
}
