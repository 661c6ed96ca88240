import { describe, expect, it } from 'vitest';
import { PullAhead } from '../../src/main/services/sync/pull-ahead';

interface Answer {
  cursor: string;
  hasMore: boolean;
}

/** An answer that says how far in the feed its changes reach. */
interface SeqAnswer extends Answer {
  last: number;
}

/** A feed of `pages` pages: the page after cursor n has cursor n + 1. Records every fetch. */
function feed(pages: number, fail: (cursor: string | undefined) => boolean = () => false) {
  const fetched: (string | undefined)[] = [];
  const fetch = (cursor: string | undefined): Promise<Answer> => {
    fetched.push(cursor);
    if (fail(cursor)) return Promise.reject(new Error(`network down at ${cursor ?? 'start'}`));
    const next = Number(cursor ?? 0) + 1;
    return Promise.resolve({ cursor: String(next), hasMore: next < pages });
  };
  return { fetched, fetch };
}

describe('reading one page ahead of the renderer', () => {
  it('fetches the next page while this one is applied, and answers the next request from it', async () => {
    const { fetched, fetch } = feed(3);
    const ahead = new PullAhead<Answer>({ fetch, next: (a) => a, account: () => 'alice' });
    expect(await ahead.pull(undefined, 1000)).toEqual({ cursor: '1', hasMore: true });
    expect(fetched).toEqual([undefined, '1']); // page 2 already on its way
    expect(await ahead.pull('1', 1000)).toEqual({ cursor: '2', hasMore: true });
    expect(fetched).toEqual([undefined, '1', '2']); // answered from the read-ahead, page 3 requested
    expect(await ahead.pull('2', 1000)).toEqual({ cursor: '3', hasMore: false });
    expect(fetched).toEqual([undefined, '1', '2']); // the last page: nothing more read
  });

  it('never answers another cursor, page size or account from it', async () => {
    let account = 'alice';
    const { fetched, fetch } = feed(10);
    const ahead = new PullAhead<Answer>({ fetch, next: (a) => a, account: () => account });
    await ahead.pull(undefined, 1000);
    await ahead.pull(undefined, 1000); // the renderer started over (a reset): fetched again
    expect(fetched).toEqual([undefined, '1', undefined, '1']);
    await ahead.pull('1', 500); // another page size
    expect(fetched.slice(4)).toEqual(['1', '2']);
    account = 'bob';
    await ahead.pull('2', 500);
    expect(fetched.slice(6)).toEqual(['2', '3']); // bob's own request, not alice's page
  });

  it('fetches again when the read-ahead failed, so the error the renderer sees is current', async () => {
    let down = true;
    const { fetched, fetch } = feed(3, (cursor) => cursor === '1' && down);
    const ahead = new PullAhead<Answer>({ fetch, next: (a) => a, account: () => 'alice' });
    await ahead.pull(undefined, 1000);
    await expect(ahead.pull('1', 1000)).rejects.toThrow('network down at 1');
    down = false;
    expect(await ahead.pull('1', 1000)).toEqual({ cursor: '2', hasMore: true });
    expect(fetched).toEqual([undefined, '1', '1', '1', '2']);
  });

  it('drops a read-ahead older than maxAgeMs, or after clear()', async () => {
    let now = 0;
    const { fetched, fetch } = feed(10);
    const ahead = new PullAhead<Answer>({
      fetch,
      next: (a) => a,
      account: () => 'alice',
      maxAgeMs: 1000,
      now: () => now,
    });
    await ahead.pull(undefined, 10);
    now = 5000;
    await ahead.pull('1', 10);
    expect(fetched).toEqual([undefined, '1', '1', '2']);
    ahead.clear();
    await ahead.pull('2', 10);
    expect(fetched).toEqual([undefined, '1', '1', '2', '2', '3']);
  });

  it('reads nothing ahead when signed out', async () => {
    const { fetched, fetch } = feed(3);
    const ahead = new PullAhead<Answer>({ fetch, next: (a) => a, account: () => null });
    await ahead.pull(undefined, 10);
    expect(fetched).toEqual([undefined]);
  });

  it('on news from the server, starts fetching where the last run ended, for the same account only', async () => {
    let account = 'alice';
    const { fetched, fetch } = feed(1); // one page: the run ends at cursor 1
    const ahead = new PullAhead<Answer>({ fetch, next: (a) => a, account: () => account });
    await ahead.pull(undefined, 100);
    expect(fetched).toEqual([undefined]);
    ahead.changed(); // the live stream says something changed
    expect(fetched).toEqual([undefined, '1']); // on its way before the renderer asks
    await ahead.pull('1', 100);
    expect(fetched).toEqual([undefined, '1']); // answered from it
    ahead.changed();
    account = 'bob';
    ahead.changed();
    expect(fetched).toEqual([undefined, '1', '2']); // alice's new tail read once, nothing for bob
  });

  it('never answers with a read older than the latest news: a burst costs one more read, not one per change', async () => {
    // The server's feed: `head` changes so far; a read returns everything after the cursor.
    let head = 1;
    const gates: (() => void)[] = [];
    const fetched: (string | undefined)[] = [];
    const fetch = (cursor: string | undefined): Promise<Answer> => {
      fetched.push(cursor);
      const snapshot = head; // what the server has when the read starts
      return new Promise((resolve) => gates.push(() => resolve({ cursor: String(snapshot), hasMore: false })));
    };
    const ahead = new PullAhead<Answer>({ fetch, next: (a) => a, account: () => 'alice' });
    const first = ahead.pull(undefined, 10);
    gates.shift()?.();
    expect(await first).toEqual({ cursor: '1', hasMore: false });

    head = 2;
    ahead.changed(); // read from the tail starts
    head = 3;
    ahead.changed(); // still on its way: marked to be read once more
    ahead.changed();
    expect(fetched).toEqual([undefined, '1']);
    gates.shift()?.(); // the first news read lands (it saw head 2): read again
    await Promise.resolve();
    expect(fetched).toEqual([undefined, '1', '1']);
    gates.shift()?.();
    await Promise.resolve();
    expect(await ahead.pull('1', 10)).toEqual({ cursor: '3', hasMore: false }); // the read that saw every change
    expect(fetched).toEqual([undefined, '1', '1']);

    // News after a read-ahead landed: that read is dropped and a new one starts.
    head = 4;
    ahead.changed();
    gates.shift()?.();
    await Promise.resolve();
    head = 5;
    ahead.changed();
    const last = ahead.pull('3', 10);
    gates.shift()?.();
    expect(await last).toEqual({ cursor: '5', hasMore: false });
  });

  it('keeps a read that holds the announced changes: a burst of news costs one read', async () => {
    // The server's feed: changes 1..head; a read returns everything after the cursor, up to the head it saw.
    let head = 1;
    const gates: (() => void)[] = [];
    const fetched: (string | undefined)[] = [];
    const fetch = (cursor: string | undefined): Promise<SeqAnswer> => {
      fetched.push(cursor);
      const snapshot = head;
      return new Promise((resolve) =>
        gates.push(() => resolve({ cursor: String(snapshot), hasMore: false, last: snapshot })),
      );
    };
    const ahead = new PullAhead<SeqAnswer>({
      fetch,
      next: (a) => a,
      reaches: (a, seq) => a.hasMore || a.last >= seq,
      account: () => 'alice',
    });
    const first = ahead.pull(undefined, 10);
    gates.shift()?.();
    await first;

    // A stalled app wakes up to a backlog of news: changes 2..4 are all committed before the read starts.
    head = 4;
    ahead.changed(2);
    ahead.changed(3);
    ahead.changed(4);
    gates.shift()?.();
    await Promise.resolve();
    expect(fetched).toEqual([undefined, '1']); // the read saw change 4: no second read
    expect(await ahead.pull('1', 10)).toEqual({ cursor: '4', hasMore: false, last: 4 });
    expect(fetched).toEqual([undefined, '1']);

    // News the read cannot hold (change 6 is committed after it started): read once more.
    head = 5;
    ahead.changed(5);
    head = 6;
    ahead.changed(6);
    gates.shift()?.(); // saw 5 only
    await Promise.resolve();
    expect(fetched).toEqual([undefined, '1', '4', '4']);
    gates.shift()?.();
    expect(await ahead.pull('4', 10)).toEqual({ cursor: '6', hasMore: false, last: 6 });

    // News about what a landed read already holds changes nothing; news beyond it starts a new read.
    head = 7;
    ahead.changed(7);
    gates.shift()?.();
    await Promise.resolve();
    ahead.changed(7);
    expect(fetched).toEqual([undefined, '1', '4', '4', '6']);
    head = 8;
    ahead.changed(8);
    expect(fetched).toEqual([undefined, '1', '4', '4', '6', '6']);
    gates.shift()?.();
    expect(await ahead.pull('6', 10)).toEqual({ cursor: '8', hasMore: false, last: 8 });
  });

  it('keeps the next page of a run when news comes: later changes come in later pages', async () => {
    const fetched: (string | undefined)[] = [];
    const fetch = (cursor: string | undefined): Promise<SeqAnswer> => {
      fetched.push(cursor);
      const n = Number(cursor ?? 0) + 1;
      return Promise.resolve({ cursor: String(n), hasMore: n < 3, last: n });
    };
    const ahead = new PullAhead<SeqAnswer>({
      fetch,
      next: (a) => a,
      reaches: (a, seq) => a.hasMore || a.last >= seq,
      account: () => 'alice',
    });
    await ahead.pull(undefined, 1);
    expect(fetched).toEqual([undefined, '1']);
    ahead.changed(10);
    await ahead.pull('1', 1);
    expect(fetched).toEqual([undefined, '1', '2']); // page 2 came from the read-ahead
  });
});
