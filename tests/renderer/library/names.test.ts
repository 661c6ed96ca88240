import { describe, expect, it } from 'vitest';
import { countryName, languageName } from '../../../src/renderer/src/features/library/names';

describe('languageName', () => {
  it('names a language in the UI language, each locale apart, the same at every call', () => {
    expect(languageName('fr', 'en')).toBe('French');
    expect(languageName('fr', 'fr')).toBe('français');
    expect(languageName('fr', 'en')).toBe('French');
    expect(languageName('ar', 'es')).toBe('árabe');
    expect(languageName('ar', 'es')).toBe('árabe');
  });

  it('gives back a code it cannot name, and keeps doing so', () => {
    expect(languageName('not a code', 'en')).toBe('not a code');
    expect(languageName('not a code', 'en')).toBe('not a code');
  });
});

describe('countryName (issue 17, item 17)', () => {
  it('names a country in the UI language, whether it came as a code or as an English name', () => {
    expect(countryName('CR', 'fr')).toBe('Costa Rica');
    expect(countryName('Brazil', 'fr')).toBe('Brésil');
    expect(countryName('Morocco', 'ar')).toBe('المغرب');
    expect(countryName('South Africa', 'ko')).toBe('남아프리카');
    expect(countryName('Republic of Korea', 'es')).toBe('Corea del Sur');
    expect(countryName("Côte d'Ivoire", 'en')).toBe('Côte d’Ivoire');
    expect(countryName('Europe', 'ar')).toBe('أوروبا');
    expect(countryName('Philippines', 'pt')).toBe('Filipinas');
  });

  it('shows what it cannot read back as it is', () => {
    expect(countryName('Atlantis', 'fr')).toBe('Atlantis');
    expect(countryName('Atlantis', 'fr')).toBe('Atlantis');
  });
});
