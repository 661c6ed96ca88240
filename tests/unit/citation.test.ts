import { describe, expect, it } from 'vitest';
import { DEFAULT_CITATION_AUTHOR, formatCitation } from '../../src/shared/citation';

describe('formatCitation', () => {
  it('builds an author–date citation with the series', () => {
    expect(
      formatCitation({
        year: 2017,
        title: 'Social and Solidarity Economy and the Future of Work',
        series: 'ILO Future of Work Research Paper Series',
      }),
    ).toBe(
      'International Labour Organization. (2017). Social and Solidarity Economy and the Future of Work. ILO Future of Work Research Paper Series.',
    );
  });

  it('says n.d. without a year and leaves out a missing series', () => {
    expect(formatCitation({ year: null, title: 'Reader', series: null })).toBe(
      `${DEFAULT_CITATION_AUTHOR}. (n.d.). Reader.`,
    );
    expect(formatCitation({ year: 2019, title: 'Reader', series: '  ' })).toBe(
      `${DEFAULT_CITATION_AUTHOR}. (2019). Reader.`,
    );
  });

  it('does not double the punctuation a title already ends with, and tidies spaces', () => {
    expect(
      formatCitation({ author: 'ILO ', year: 2014, title: '  What  is the SSE? ', series: 'Working paper.' }),
    ).toBe('ILO. (2014). What is the SSE? Working paper.');
  });
});
