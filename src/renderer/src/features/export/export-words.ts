import type { i18n } from 'i18next';
import type { ExportWords } from '../../../../shared/export/export-words';
import { neutralizeHtml } from '../forum/post-markdown';
import { languageName } from '../library/names';
import { formatDateTime, formatNumber } from '../../ui/format';

/**
 * The words of exported files in the UI language: the `export` namespace,
 * dates through Intl, and posts' raw HTML shown as text, as the forum shows it.
 */
export function exportWords(i18n: i18n, language: string): ExportWords {
  const t = i18n.getFixedT(language, 'export');
  return {
    // Counts are also given formatted by Intl, as every plural of the app is written.
    t: (key, values = {}) =>
      t(
        key,
        typeof values['count'] === 'number'
          ? { ...values, formatted: formatNumber(values['count'], language) }
          : values,
      ),
    date: (iso) => formatDateTime(iso, language),
    language: (code) => languageName(code, language),
    markdown: neutralizeHtml,
  };
}
