import { describe, expect, it } from 'vitest';
import { defaultContentLanguages, pickUiLanguage } from '../../src/shared/languages';

describe('pickUiLanguage', () => {
  it('follows the first supported OS language', () => {
    expect(pickUiLanguage(['fr-CA', 'en-US'])).toBe('fr');
    expect(pickUiLanguage(['de-DE', 'fr_FR.UTF-8'])).toBe('fr');
    expect(pickUiLanguage(['en-GB', 'fr'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickUiLanguage(['de', 'ja'])).toBe('en');
    expect(pickUiLanguage([])).toBe('en');
  });
});

describe('defaultContentLanguages', () => {
  it('orders content languages by preference, without repeats, always ending with English', () => {
    expect(defaultContentLanguages(['es-MX', 'pt-BR', 'es-ES'])).toEqual(['es', 'pt', 'en']);
    expect(defaultContentLanguages(['ko'])).toEqual(['ko', 'en']);
    expect(defaultContentLanguages(['de'])).toEqual(['en']);
  });
});
