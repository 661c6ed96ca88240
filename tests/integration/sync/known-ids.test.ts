import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { KnownIds } from '../../../src/renderer/src/data/known-ids';
import { openDb } from '../../../src/renderer/src/data/db';
import type { RunCounts } from '../../../src/renderer/src/data/post-count-ledger';

async function emptyRun(): Promise<RunCounts> {
  const db = openDb(`known-ids-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  return (await KnownIds.load(db)).counts;
}

/**
 * A first sync's pages are applied in a queue: page N+1's transaction waits
 * behind page N's. The post counts page N+1 sees must include page N's,
 * whether or not N's commit has been noted yet, and never those of a page
 * that rolled back.
 */
describe('the post counts a run without a cursor owes to threads', () => {
  it('include the pages before a page that are still in flight, and not the pages after it', async () => {
    const run = await emptyRun();
    const first = run.begin(false);
    first.activity.set('thread', { count: 2, last: '2026-01-02' });
    const second = run.begin(false);
    second.activity.set('thread', { count: 1, last: '2026-01-03' });
    const third = run.begin(true);

    expect(run.owedBefore(first).get('thread')).toBeUndefined();
    expect(run.owedBefore(second).get('thread')).toEqual({ count: 2, last: '2026-01-02' });
    expect(run.owedBefore(third).get('thread')).toEqual({ count: 3, last: '2026-01-03' });
    // A copy: the page working it out may change it.
    run.owedBefore(third).clear();
    expect(run.owedBefore(third).size).toBe(1);
  });

  it('keep a page’s counts once it committed, drop them if it rolled back, and start again where one was counted in full', async () => {
    const run = await emptyRun();
    const rolledBack = run.begin(false);
    rolledBack.activity.set('thread', { count: 5 });
    const next = run.begin(false);
    run.end(rolledBack, false);
    expect(run.owedBefore(next).size).toBe(0);
    run.end(next, false);

    const committed = run.begin(false);
    committed.activity.set('thread', { count: 2, last: '2026-01-02' });
    committed.activity.set('other', { count: 1 });
    run.end(committed, true);
    expect(run.pending).toBe(2);

    // A page that counted `thread` from the cache in full (it had just arrived) owes only what it adds.
    const counted = run.begin(false);
    counted.consumed.add('thread');
    counted.activity.set('other', { count: 1, last: '2026-01-05' });
    run.end(counted, true);
    const last = run.begin(true);
    expect(run.owedBefore(last)).toEqual(new Map([['other', { count: 2, last: '2026-01-05' }]]));
    run.end(last, true);
    expect(run.pending).toBe(0);
  });

  it('remember the run’s mark once the page that wrote it committed, or while it is in flight', async () => {
    const run = await emptyRun();
    const marking = run.begin(false);
    marking.marks = true;
    const after = run.begin(false);
    expect(run.markedBefore(marking)).toBe(false);
    expect(run.markedBefore(after)).toBe(true);
    run.end(marking, false); // rolled back: the mark is not stored
    expect(run.markedBefore(after)).toBe(false);
    const again = run.begin(false);
    again.marks = true;
    run.end(again, true);
    expect(run.markedBefore(run.begin(false))).toBe(true);
  });
});
