import type { ContentLanguage } from './languages';

/**
 * Chooses what to show from text given per language: the user's languages
 * in their order, then English, then whatever exists. Says which language
 * was chosen and which others exist, so the UI can offer them.
 */
export function pickLocalized<T>(
  byLanguage: Partial<Record<ContentLanguage, T>>,
  preferred: readonly ContentLanguage[],
): { value: T; language: ContentLanguage; others: ContentLanguage[] } | undefined {
  const available = (Object.keys(byLanguage) as ContentLanguage[]).filter(
    (language) => byLanguage[language] !== undefined,
  );
  const order = [...preferred, 'en' as const, ...available];
  for (const language of order) {
    const value = byLanguage[language];
    if (value !== undefined) return { value, language, others: available.filter((other) => other !== language) };
  }
  return undefined;
}

/** The best of several language versions (documents' variants), by the same rule. */
export function pickVariant<V extends { language: ContentLanguage }>(
  variants: readonly V[],
  preferred: readonly ContentLanguage[],
): V | undefined {
  for (const language of [...preferred, 'en' as const]) {
    const match = variants.find((variant) => variant.language === language);
    if (match !== undefined) return match;
  }
  return variants[0];
}
