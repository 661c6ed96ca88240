import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session-context';
import { useContentLanguages } from '../../app/use-content-languages';
import { useDb } from '../../data/data-context';
import type { Settings } from '../../../../shared/settings';
import { exportWords } from './export-words';
import { SaveStatus } from './SaveStatus';
import { gatherThread, threadFile, type ThreadFormat } from './thread-export';
import { useSave } from './use-save';
import './export.css';

const FORMATS: readonly ThreadFormat[] = ['markdown', 'html'];

/** "Export this thread": as Markdown or as one self-contained web page, from this computer's copy. */
export function ThreadExport({ threadId, settings }: { threadId: string; settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('export');
  const db = useDb();
  const session = useSession();
  const canModerate = useCan('forum.moderate');
  const languages = useContentLanguages(settings);
  const [open, setOpen] = useState(false);
  const { state, save } = useSave();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const firstRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (open) firstRef.current?.focus();
  }, [open]);

  const close = (): void => {
    setOpen(false);
    triggerRef.current?.focus();
  };

  const exportAs = (format: ThreadFormat): void => {
    close();
    void save(async () => {
      const words = exportWords(i18n, i18n.language);
      const reader = { userId: session.user?.id, userName: session.user?.displayName, canModerate, languages };
      const thread = await gatherThread(db, threadId, reader, words);
      if (thread === null) throw new Error(t('thread.missing'));
      return threadFile(thread, format, words, {
        uiLanguage: i18n.language,
        dir: i18n.dir(i18n.language),
        filterName: t(format === 'markdown' ? 'save.filters.markdown' : 'save.filters.html'),
      });
    });
  };

  return (
    <div className="thread-export">
      <button
        ref={triggerRef}
        type="button"
        className="button-secondary"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('thread.button')}
      </button>
      {open ? (
        <div
          id={menuId}
          role="group"
          aria-label={t('thread.menu')}
          className="export-choices-row"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          {FORMATS.map((format, index) => (
            <button
              key={format}
              ref={index === 0 ? firstRef : undefined}
              type="button"
              className="button-secondary"
              onClick={() => exportAs(format)}
            >
              {t(`thread.${format}`)}
            </button>
          ))}
        </div>
      ) : null}
      {state.kind === 'idle' ? null : <SaveStatus state={state} working={t('thread.working')} />}
    </div>
  );
}
