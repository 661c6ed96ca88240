import { describe, expect, it } from 'vitest';
import { languageName } from '../../../src/renderer/src/features/library/names';

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
