import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';
import { useApi } from '../app/api-context';

/**
 * Renders remote markdown safely: marked turns it into HTML, DOMPurify keeps
 * only harmless elements (no script, style, iframe, form, event handlers or
 * non-http(s) links), and every link leaves through main's allow-list.
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: [
      'p',
      'br',
      'strong',
      'em',
      'del',
      'code',
      'pre',
      'blockquote',
      'ul',
      'ol',
      'li',
      'a',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'hr',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'span',
    ],
    ALLOWED_ATTR: ['href', 'title', 'lang', 'dir'],
    ALLOWED_URI_REGEXP: /^https?:\/\//iu,
  });
}

export function Markdown({ source, className }: { source: string; className?: string }): React.JSX.Element {
  const api = useApi();
  const html = useMemo(() => renderMarkdown(source), [source]);
  // Every way of following a link (a click, ctrl/shift/cmd-click, a middle-click or any other button's auxclick)
  // goes through main's allow-list: a browser would otherwise open any http(s) address in a new tab.
  const follow = (event: React.MouseEvent<HTMLDivElement>): void => {
    // A right-click's auxclick opens the context menu, not the link.
    if (event.type === 'auxclick' && event.button !== 1) return;
    const link = (event.target as HTMLElement).closest('a');
    if (link === null) return;
    event.preventDefault();
    void api.shell.openExternal({ url: link.href });
  };
  return (
    // The HTML comes from renderMarkdown, sanitized by DOMPurify just above.
    <div
      className={className ?? 'markdown'}
      dir="auto"
      onClick={follow}
      onAuxClick={follow}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
