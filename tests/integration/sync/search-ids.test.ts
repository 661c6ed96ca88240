import { describe, expect, it } from 'vitest';
import { parseSearchId, searchId } from '../../../src/renderer/src/data/search/search-documents';

describe('search ids', () => {
  it('read back what searchId writes', () => {
    for (const ref of [
      { kind: 'post', entityId: 'p1' },
      { kind: 'thread', entityId: 't1' },
      { kind: 'news', entityId: 'n1' },
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
  ])('%s → %j', (id, expected) => {
    expect(parseSearchId(id)).toEqual(expected);
  });
});
