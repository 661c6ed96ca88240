import { describe, expect, it } from 'vitest';
import { parseSearchId, searchId } from '../../../src/renderer/src/data/search/search-documents';

describe('search ids', () => {
  it('read back what searchId writes', () => {
    for (const ref of [
      { kind: 'post', entityId: 'p1' },
      { kind: 'thread', entityId: 't1' },
      { kind: 'news', entityId: 'n1', lang: 'fr' },
      { kind: 'document', entityId: 'd1', lang: 'ar' },
    ] as const) {
      expect(parseSearchId(searchId(ref))).toEqual(ref);
    }
  });

  it.each([
    ['post', null],
    ['post:', { kind: 'post', entityId: '' }],
    ['post:p1:extra', { kind: 'post', entityId: 'p1' }],
    ['unknown:x', null],
    ['document:d1', null],
    ['document:d1:', null],
    ['document:d1:xx', null],
    ['document:d1:fr:extra', { kind: 'document', entityId: 'd1', lang: 'fr' }],
    // News are indexed once per language version, as documents are.
    ['news:n1', null],
    ['news:n1:es', { kind: 'news', entityId: 'n1', lang: 'es' }],
  ])('%s → %j', (id, expected) => {
    expect(parseSearchId(id)).toEqual(expected);
  });
});
