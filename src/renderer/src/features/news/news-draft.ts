import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';

/** One language version of a news item in the editor. */
export interface VersionField {
  readonly language: ContentLanguage;
  readonly title: string;
  readonly body: string;
}

function isContentLanguage(code: string): code is ContentLanguage {
  return (CONTENT_LANGUAGES as readonly string[]).includes(code);
}

/**
 * A news item's versions as a draft's flat fields: `languages` keeps their order, `title.<code>` and
 * `body.<code>` their text (a draft's fields are strings; see data/drafts).
 */
export function newsDraftFields(fields: readonly VersionField[]): Record<string, string> {
  const flat: Record<string, string> = { languages: fields.map((field) => field.language).join(',') };
  for (const field of fields) {
    flat[`title.${field.language}`] = field.title;
    flat[`body.${field.language}`] = field.body;
  }
  return flat;
}

/** The versions a stored draft holds; undefined when it holds none (nothing stored, or not a news draft). */
export function versionFieldsOf(flat: Readonly<Record<string, string>>): VersionField[] | undefined {
  const languages = (flat['languages'] ?? '').split(',').filter(isContentLanguage);
  const unique = languages.filter((code, index) => languages.indexOf(code) === index);
  if (unique.length === 0) return undefined;
  return unique.map((language) => ({
    language,
    title: flat[`title.${language}`] ?? '',
    body: flat[`body.${language}`] ?? '',
  }));
}
