/** Languages the user interface is translated into. */
export const UI_LANGUAGES = ['en', 'fr', 'es', 'pt', 'it', 'ar', 'ko', 'ja', 'el', 'tr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_UI_LANGUAGE: UiLanguage = 'en';

/** Languages the Collective Brain publishes content in (ISO 639-1). */
export const CONTENT_LANGUAGES = ['en', 'es', 'fr', 'pt', 'it', 'ar', 'ko', 'ja', 'el', 'tr'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

function primarySubtag(tag: string): string {
  return (
    tag
      .trim()
      .toLowerCase()
      .split(/[-_.@]/u)[0] ?? ''
  );
}

/**
 * Picks the first supported language from an ordered list of preferred
 * BCP 47 tags (as an OS or a browser reports them), matching on the primary
 * subtag so that `fr-CA` or `fr_FR.UTF-8` selects `fr`.
 */
export function pickLanguage<T extends string>(preferred: readonly string[], supported: readonly T[], fallback: T): T {
  for (const tag of preferred) {
    const primary = primarySubtag(tag);
    const match = supported.find((candidate) => candidate === primary);
    if (match !== undefined) return match;
  }
  return fallback;
}

export function pickUiLanguage(preferred: readonly string[]): UiLanguage {
  return pickLanguage(preferred, UI_LANGUAGES, DEFAULT_UI_LANGUAGE);
}

/** Content languages ordered by the user's preferences, the rest in catalogue order. */
export function defaultContentLanguages(preferred: readonly string[]): ContentLanguage[] {
  const ordered: ContentLanguage[] = [];
  for (const tag of preferred) {
    const primary = primarySubtag(tag);
    const match = CONTENT_LANGUAGES.find((candidate) => candidate === primary);
    if (match !== undefined && !ordered.includes(match)) ordered.push(match);
  }
  if (!ordered.includes('en')) ordered.push('en');
  return ordered;
}

/**
 * The reader's content languages, most preferred first, from one rule used
 * by every screen: the signed-in user's profile when it names any, else the
 * settings of this computer, else the interface language.
 */
export function readerContentLanguages(
  profile: readonly string[] | undefined,
  settings: readonly string[] | undefined,
  uiLanguage: string,
): ContentLanguage[] {
  const known = (list: readonly string[] | undefined): ContentLanguage[] => [
    ...new Set(
      (list ?? []).filter((code): code is ContentLanguage => (CONTENT_LANGUAGES as readonly string[]).includes(code)),
    ),
  ];
  const fromProfile = known(profile);
  if (fromProfile.length > 0) return fromProfile;
  const fromSettings = known(settings);
  if (fromSettings.length > 0) return fromSettings;
  return [pickLanguage([uiLanguage], CONTENT_LANGUAGES, 'en')];
}
