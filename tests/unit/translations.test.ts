import { describe, expect, it } from 'vitest';
import { defaultTranslationLanguage, pickTranslation, type TranslationChoice } from '../../src/shared/translations';

const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();
const choice = (
  id: string,
  language: TranslationChoice['language'],
  minute = 0,
  authorId = 'someone',
): TranslationChoice => ({ id, language, createdAt: at(minute), authorId });

describe('pickTranslation', () => {
  it('shows a translation only into a language the reader puts above the original’s', () => {
    const translations = [choice('fr', 'fr'), choice('en', 'en')];
    expect(pickTranslation('es', translations, ['fr', 'en'])?.id).toBe('fr');
    expect(pickTranslation('es', translations, ['en', 'fr'])?.id).toBe('en');
    // The reader reads the original's language first: the original stays.
    expect(pickTranslation('es', translations, ['es', 'fr'])).toBeUndefined();
    expect(pickTranslation('fr', [choice('en', 'en')], ['fr', 'en'])).toBeUndefined();
  });

  it('falls back to English like every other language choice, and never to an unlisted language', () => {
    expect(pickTranslation('ko', [choice('en', 'en')], ['fr'])?.id).toBe('en');
    expect(pickTranslation('ko', [choice('ar', 'ar')], ['fr'])).toBeUndefined();
    expect(pickTranslation('en', [choice('ar', 'ar')], ['fr'])).toBeUndefined();
    expect(pickTranslation('en', [], ['fr'])).toBeUndefined();
  });

  it('prefers the reader’s own translation, then the first one made', () => {
    const translations = [choice('late', 'en', 9), choice('early', 'en', 1), choice('mine', 'en', 5, 'me')];
    expect(pickTranslation('es', translations, ['en'], 'me')?.id).toBe('mine');
    expect(pickTranslation('es', translations, ['en'], 'other')?.id).toBe('early');
  });
});

describe('defaultTranslationLanguage', () => {
  it('is the reader’s first language that differs from the original’s', () => {
    expect(defaultTranslationLanguage('es', ['fr', 'en'])).toBe('fr');
    expect(defaultTranslationLanguage('fr', ['fr', 'en'])).toBe('en');
    expect(defaultTranslationLanguage('en', ['en'])).toBe('es');
    expect(defaultTranslationLanguage('ko', [])).toBe('en');
  });
});
