import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/shared/detect-language';

describe('detectLanguage (issue 17, item 13)', () => {
  it('names the content language of a draft among the publication languages', () => {
    expect(detectLanguage('Les coopératives et l’économie sociale et solidaire en Afrique du Nord')).toBe('fr');
    expect(detectLanguage('Financiación de las empresas de la economía social y solidaria')).toBe('es');
    expect(detectLanguage('Economia sociale e solidale: politiche pubbliche in Italia e nel mondo')).toBe('it');
    expect(detectLanguage('Sosyal ve dayanışma ekonomisi için yeni kamu politikaları')).toBe('tr');
    expect(detectLanguage('사회연대경제 공공 정책 사례를 함께 나눕시다')).toBe('ko');
    expect(detectLanguage('すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。')).toBe(
      'ja',
    );
    expect(detectLanguage('Η κοινωνική και αλληλέγγυα οικονομία στην Ελλάδα σήμερα')).toBe('el');
    expect(detectLanguage('الاقتصاد الاجتماعي والتضامني في تونس والجزائر')).toBe('ar');
  });

  it('says nothing about a text too short to tell', () => {
    expect(detectLanguage('Hi')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });
});
