import { describe, expect, it } from 'vitest';
import { defaultContentLanguages, pickUiLanguage, readerContentLanguages } from '../../src/shared/languages';

describe('pickUiLanguage', () => {
  it('follows the first supported OS language', () => {
    expect(pickUiLanguage(['fr-CA', 'en-US'])).toBe('fr');
    expect(pickUiLanguage(['de-DE', 'fr_FR.UTF-8'])).toBe('fr');
    expect(pickUiLanguage(['en-GB', 'fr'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickUiLanguage(['de', 'zh-CN'])).toBe('en');
    expect(pickUiLanguage([])).toBe('en');
  });

  it('takes the first preferred language the interface speaks, the four latest included', () => {
    expect(pickUiLanguage(['de', 'ja-JP'])).toBe('ja');
    expect(pickUiLanguage(['el_GR.UTF-8'])).toBe('el');
    expect(pickUiLanguage(['tr'])).toBe('tr');
    expect(pickUiLanguage(['it-CH', 'fr'])).toBe('it');
  });
});

describe('defaultContentLanguages', () => {
  it('orders content languages by preference, without repeats, always ending with English', () => {
    expect(defaultContentLanguages(['es-MX', 'pt-BR', 'es-ES'])).toEqual(['es', 'pt', 'en']);
    expect(defaultContentLanguages(['ko'])).toEqual(['ko', 'en']);
    expect(defaultContentLanguages(['de'])).toEqual(['en']);
  });
});

describe('readerContentLanguages', () => {
  it('takes the profile’s languages, in their order, when the signed-in user set any', () => {
    expect(readerContentLanguages(['ko', 'fr'], ['es', 'en'], 'ar')).toEqual(['ko', 'fr']);
  });

  it('falls back to this computer’s settings when there is no profile or it names no language', () => {
    expect(readerContentLanguages(undefined, ['es', 'en'], 'ar')).toEqual(['es', 'en']);
    expect(readerContentLanguages([], ['es', 'en'], 'ar')).toEqual(['es', 'en']);
    // A language the client does not know (a newer server) does not count.
    expect(readerContentLanguages(['xx'], ['es'], 'ar')).toEqual(['es']);
  });

  it('falls back to the interface language last', () => {
    expect(readerContentLanguages(undefined, [], 'ar')).toEqual(['ar']);
    expect(readerContentLanguages(undefined, undefined, 'ko-KR')).toEqual(['ko']);
    expect(readerContentLanguages(undefined, undefined, 'de')).toEqual(['en']);
  });

  it('never repeats a language', () => {
    expect(readerContentLanguages(['fr', 'fr', 'en'], undefined, 'en')).toEqual(['fr', 'en']);
  });
});
