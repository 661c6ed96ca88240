import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../ui/Markdown';
import { neutralizeHtml } from './post-markdown';
import './forum.css';

/**
 * Help while typing (people to mention): it sees the keys first and the caret
 * as it moves, and shows its suggestions under the text.
 */
export interface TextAssist {
  /** True when it used the key (the editor then does nothing with it). */
  onKeyDown: (event: React.KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** The text or the caret changed. */
  onCaret: (textarea: HTMLTextAreaElement) => void;
  /** What the text area says of the suggestions (aria-controls, aria-activedescendant). */
  textareaProps: Readonly<Record<`aria-${string}`, string>>;
  popup: ReactNode;
}

/**
 * A markdown text area with a Write / Preview switch. The preview goes
 * through the same sanitizing renderer as published posts.
 */
export function MarkdownEditor({
  label,
  value,
  onChange,
  onSubmit,
  disabled = false,
  describedBy,
  textareaRef,
  lang,
  assist,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/⌘+Enter: a keyboard shortcut for the form's main action. */
  onSubmit?: () => void;
  disabled?: boolean;
  describedBy?: string;
  textareaRef?: React.Ref<HTMLTextAreaElement>;
  /** The language of the text being written (a translation's), for spelling, fonts and screen readers. */
  lang?: string;
  assist?: TextAssist;
}): React.JSX.Element {
  const { t } = useTranslation('forum');
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const ids = { textarea: useId(), hint: useId() };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>): void => {
    if (assist?.onKeyDown(event) === true) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && onSubmit !== undefined) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="md-editor">
      <div className="md-editor-bar">
        <label htmlFor={ids.textarea} className="md-editor-label">
          {label}
        </label>
        <div className="md-editor-tabs" role="group" aria-label={t('editor.mode')}>
          <button
            type="button"
            className="md-editor-tab"
            aria-pressed={mode === 'write'}
            onClick={() => setMode('write')}
          >
            {t('editor.write')}
          </button>
          <button
            type="button"
            className="md-editor-tab"
            aria-pressed={mode === 'preview'}
            onClick={() => setMode('preview')}
          >
            {t('editor.preview')}
          </button>
        </div>
      </div>
      <textarea
        id={ids.textarea}
        ref={textareaRef}
        className="md-editor-text"
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          assist?.onCaret(event.target);
        }}
        onSelect={(event) => assist?.onCaret(event.currentTarget)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        hidden={mode === 'preview'}
        rows={6}
        lang={lang}
        dir="auto"
        aria-describedby={[ids.hint, describedBy].filter(Boolean).join(' ')}
        {...assist?.textareaProps}
      />
      {mode === 'write' ? assist?.popup : null}
      {mode === 'preview' ? (
        <div className="md-editor-preview" aria-live="polite" lang={lang}>
          {value.trim() === '' ? (
            <p className="forum-muted">{t('editor.nothingToPreview')}</p>
          ) : (
            <Markdown source={neutralizeHtml(value)} className="markdown forum-markdown" />
          )}
        </div>
      ) : null}
      <p id={ids.hint} className="help">
        {t('editor.hint')}
      </p>
    </div>
  );
}
