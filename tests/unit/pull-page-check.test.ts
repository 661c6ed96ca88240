import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../src/main/services/remote/remote-client';
import { checkPullPage } from '../../src/main/services/sync/page-check';
import type { PullPage } from '../../src/shared/wire/sync';

const EPOCH = '0123456789abcdef';
const cursor = (seq: number, epoch = EPOCH): string => `${epoch}.${String(seq)}`;
const category = (seq: number): PullPage['changes'][number] => ({
  seq,
  type: 'category',
  id: '5f0c0000-0000-4000-8000-000000000001',
  version: 1,
  op: 'delete',
});
const page = (seqs: number[], to = seqs.at(-1) ?? 0): PullPage => ({
  changes: seqs.map(category),
  cursor: cursor(to),
  hasMore: false,
});

function refusal(check: () => void): string {
  try {
    check();
  } catch (error) {
    if (error instanceof RemoteError) return error.failure;
    throw error;
  }
  return 'accepted';
}

describe('a pull page answers the request it came for', () => {
  it('accepts a sound page, an empty one, and a first page without a cursor', () => {
    expect(refusal(() => checkPullPage(page([11, 12, 20]), { cursor: cursor(10), limit: 3 }))).toBe('accepted');
    expect(refusal(() => checkPullPage(page([], 10), { cursor: cursor(10), limit: 500 }))).toBe('accepted');
    expect(refusal(() => checkPullPage(page([1, 2]), { cursor: undefined, limit: undefined }))).toBe('accepted');
    // A new feed (the server was reset): its seqs start again.
    expect(
      refusal(() =>
        checkPullPage({ ...page([1]), cursor: cursor(1, 'fedcba9876543210') }, { cursor: cursor(90), limit: 5 }),
      ),
    ).toBe('accepted');
  });

  it('refuses, as a malformed answer, more changes than asked for (a huge page)', () => {
    const seqs = Array.from({ length: 2001 }, (_, i) => i + 1);
    expect(refusal(() => checkPullPage(page(seqs), { cursor: undefined, limit: 2000 }))).toBe('bad-response');
    expect(refusal(() => checkPullPage(page(seqs.slice(0, 501)), { cursor: undefined, limit: undefined }))).toBe(
      'bad-response',
    );
  });

  it('refuses changes out of order, repeated, or from before the cursor', () => {
    expect(refusal(() => checkPullPage(page([12, 11], 12), { cursor: cursor(10), limit: 5 }))).toBe('bad-response');
    expect(refusal(() => checkPullPage(page([11, 11]), { cursor: cursor(10), limit: 5 }))).toBe('bad-response');
    expect(refusal(() => checkPullPage(page([9, 11]), { cursor: cursor(10), limit: 5 }))).toBe('bad-response');
  });

  it('refuses a cursor behind its own changes or not of the server’s shape', () => {
    expect(refusal(() => checkPullPage(page([11, 12], 11), { cursor: cursor(10), limit: 5 }))).toBe('bad-response');
    expect(refusal(() => checkPullPage({ ...page([11]), cursor: 'anything' }, { cursor: cursor(10), limit: 5 }))).toBe(
      'bad-response',
    );
  });
});
