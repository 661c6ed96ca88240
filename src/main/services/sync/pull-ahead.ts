/**
 * Reads one page ahead of the renderer. When the renderer asks for the page
 * after cursor C and the answer says more remain, the page after that answer's
 * cursor is fetched at once, while the renderer applies the first. The next
 * request for exactly that cursor (same account, same page size, within
 * `maxAgeMs`) is answered from it.
 *
 * This refines the architecture's "main fetches the next page only after the
 * renderer acknowledged this one": the renderer still applies each page with
 * its cursor in one transaction and still asks for every page itself, so a
 * crash, a reset or a switch of account never skips or mixes pages. Main only
 * holds at most one unrequested page (bounded memory), and a page is a valid
 * answer for its cursor whenever it was fetched: later changes come in later
 * pages. Network time then overlaps the renderer's IndexedDB time instead of
 * adding to it.
 */
export interface PullAheadOptions<T> {
  fetch: (cursor: string | undefined, limit: number | undefined) => Promise<T>;
  /** The next cursor and whether more pages follow, from an answer. */
  next: (answer: T) => { cursor: string; hasMore: boolean };
  /** Whose pages these are (server and user): a read-ahead never crosses accounts. */
  account: () => string | null;
  maxAgeMs?: number;
  now?: () => number;
}

interface Ahead<T> {
  key: string;
  account: string;
  at: number;
  answer: Promise<T>;
  /** Started because the server announced a change (from the tail of the last run). */
  fromNews: boolean;
  settled: boolean;
  /** More news came while it was on its way: it may miss them, so it is read once more. */
  rerun: boolean;
}

export class PullAhead<T> {
  private ahead: Ahead<T> | null = null;
  /** Where the renderer's last run ended (no more pages then): where its next pull will start. */
  private tail: { cursor: string; limit: number | undefined; account: string } | null = null;

  constructor(private readonly options: PullAheadOptions<T>) {}

  async pull(cursor: string | undefined, limit: number | undefined): Promise<T> {
    const account = this.options.account();
    const now = this.options.now ?? Date.now;
    const ahead = this.ahead;
    this.ahead = null;
    this.tail = null;
    let answer: T | undefined;
    if (
      ahead !== null &&
      !ahead.rerun &&
      account !== null &&
      ahead.account === account &&
      ahead.key === keyOf(cursor, limit) &&
      now() - ahead.at <= (this.options.maxAgeMs ?? 30_000)
    ) {
      // A read-ahead that failed is simply fetched again, so its error (if any) is the current one.
      answer = await ahead.answer.catch(() => undefined);
    }
    answer ??= await this.options.fetch(cursor, limit);
    const next = this.options.next(answer);
    if (account === null || account !== this.options.account()) return answer;
    if (next.hasMore) this.readAhead(next.cursor, limit, account, false);
    else this.tail = { cursor: next.cursor, limit, account };
    return answer;
  }

  /**
   * The server says something changed: start fetching from where the
   * renderer's last run ended, so the page is on its way (or here) when the
   * renderer, woken by the same news, asks for it. A read-ahead fetched
   * before this news may lack it: it is dropped, or, while a read started by
   * earlier news is still on its way, read once more when it lands (a burst
   * of news costs two reads, not one per change).
   */
  changed(): void {
    const ahead = this.ahead;
    if (ahead?.fromNews === true && !ahead.settled) {
      ahead.rerun = true;
      return;
    }
    this.ahead = null;
    const tail = this.tail;
    const account = this.options.account();
    if (tail === null || account === null || tail.account !== account) return;
    this.readAhead(tail.cursor, tail.limit, account, true);
  }

  private readAhead(cursor: string, limit: number | undefined, account: string, fromNews: boolean): void {
    const read = this.options.fetch(cursor, limit);
    const ahead: Ahead<T> = {
      key: keyOf(cursor, limit),
      account,
      at: (this.options.now ?? Date.now)(),
      answer: read,
      fromNews,
      settled: false,
      rerun: false,
    };
    const settle = (): void => {
      ahead.settled = true;
      if (ahead.rerun && this.ahead === ahead) this.readAhead(cursor, limit, account, true);
    };
    read.then(settle, settle); // a failure is observed when (if) the renderer asks for it
    this.ahead = ahead;
  }

  /** Forget the read-ahead (sign-out, account or server change). */
  clear(): void {
    this.ahead = null;
    this.tail = null;
  }
}

function keyOf(cursor: string | undefined, limit: number | undefined): string {
  return JSON.stringify([cursor ?? null, limit ?? null]);
}
