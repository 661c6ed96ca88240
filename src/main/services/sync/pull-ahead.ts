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
  /**
   * Whether an answer already holds the change the server announced as
   * `seq` (or leaves it to a later page). Without it, any news makes a read
   * that was on its way stale.
   */
  reaches?: (answer: T, seq: number) => boolean;
  /** Whose pages these are (server and user): a read-ahead never crosses accounts. */
  account: () => string | null;
  maxAgeMs?: number;
  now?: () => number;
}

/** News announced while a read was on its way: the newest sequence number, or unknown. */
type News = number | 'unknown';

interface Ahead<T> {
  key: string;
  cursor: string;
  limit: number | undefined;
  account: string;
  at: number;
  answer: Promise<T>;
  /** The answer, once it arrived. */
  value: { ok: true; answer: T } | { ok: false } | null;
  /** News that came while it was on its way: it may or may not hold them. */
  news: News | null;
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
      account !== null &&
      ahead.account === account &&
      ahead.key === keyOf(cursor, limit) &&
      now() - ahead.at <= (this.options.maxAgeMs ?? 30_000)
    ) {
      // A read-ahead that failed is simply fetched again, so its error (if any) is the current one.
      const read = await ahead.answer.catch(() => undefined);
      // One that may predate the latest news is not used: the renderer's run would end before the news.
      if (read !== undefined && this.holds(read, ahead.news)) answer = read;
    }
    answer ??= await this.options.fetch(cursor, limit);
    const next = this.options.next(answer);
    if (account === null || account !== this.options.account()) return answer;
    if (next.hasMore) this.readAhead(next.cursor, limit, account);
    else this.tail = { cursor: next.cursor, limit, account };
    return answer;
  }

  /**
   * The server says something changed (`seq`: its newest change, when
   * known). Start fetching from where the renderer's last run ended, so the
   * page is on its way (or here) when the renderer, woken by the same news,
   * asks for it. A read that is on its way is kept and checked when it
   * lands: if it does not hold the news it is read once more, so a burst of
   * news costs at most two reads, and usually one.
   */
  changed(seq: number | null = null): void {
    const news: News = seq ?? 'unknown';
    const ahead = this.ahead;
    if (ahead !== null && ahead.value === null) {
      ahead.news = newest(ahead.news, news);
      return;
    }
    if (ahead?.value?.ok === true && this.holds(ahead.value.answer, news)) return;
    this.ahead = null;
    // A page that does not hold the news ended its run there: read that cursor again.
    const from =
      ahead?.value?.ok === true ? { cursor: ahead.cursor, limit: ahead.limit, account: ahead.account } : this.tail;
    const account = this.options.account();
    if (from === null || account === null || from.account !== account) return;
    this.readAhead(from.cursor, from.limit, account);
  }

  private holds(answer: T, news: News | null): boolean {
    if (news === null) return true;
    if (news === 'unknown' || this.options.reaches === undefined) return false;
    return this.options.reaches(answer, news);
  }

  private readAhead(cursor: string, limit: number | undefined, account: string): void {
    const ahead: Ahead<T> = {
      key: keyOf(cursor, limit),
      cursor,
      limit,
      account,
      at: (this.options.now ?? Date.now)(),
      answer: this.options.fetch(cursor, limit),
      value: null,
      news: null,
    };
    const settle = (value: Ahead<T>['value']): void => {
      ahead.value = value;
      if (this.ahead !== ahead || ahead.news === null) return;
      const read = value?.ok === true ? value.answer : undefined;
      if (read !== undefined && this.holds(read, ahead.news)) {
        ahead.news = null;
        return;
      }
      // It may miss what was announced on its way: read once more (a failure is observed when the renderer asks).
      if (read !== undefined) this.readAhead(cursor, limit, account);
    };
    ahead.answer.then(
      (answer) => settle({ ok: true, answer }),
      () => settle({ ok: false }),
    );
    this.ahead = ahead;
  }

  /** Forget the read-ahead (sign-out, account or server change). */
  clear(): void {
    this.ahead = null;
    this.tail = null;
  }
}

function newest(a: News | null, b: News): News {
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return a === null ? b : Math.max(a, b);
}

function keyOf(cursor: string | undefined, limit: number | undefined): string {
  return JSON.stringify([cursor ?? null, limit ?? null]);
}
