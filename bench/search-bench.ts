/**
 * Offline search benchmark: `npm run bench:search` (npx tsx bench/search-bench.ts).
 * 100k posts in ten languages made of UDHR sentences; MiniSearch with our
 * tokenizer and FlexSearch with the same tokenizer, on the same data, in one
 * run; then the app's own cold start (SearchService over fake-indexeddb).
 * Options: --posts N (default 100000), --skip-db (no IndexedDB part).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Index as FlexIndex } from 'flexsearch';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDb, type CachedPost } from '../src/renderer/src/data/db';
import { SearchIndex } from '../src/renderer/src/data/search/search-index';
import { SearchService } from '../src/renderer/src/data/search/search-service';
import type { SearchDoc } from '../src/renderer/src/data/search/search-documents';
import type { ContentLanguage } from '../src/shared/languages';
import { snippet } from '../src/shared/search/highlight';
import { indexTerms, queryTerms, scanTokens, segmentTokens, tokenize } from '../src/shared/search/tokenizer';
import { CORPUS_FILES, makePosts, pick, seeded, sentencesOf, type BenchPost } from './udhr-corpus';

const args = process.argv.slice(2);
const POSTS = Number(args[args.indexOf('--posts') + 1] ?? 100_000) || 100_000;
const SKIP_DB = args.includes('--skip-db');
const UPDATES = 1000;
const TOP = 20;
const REPEAT = 5;

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
function time<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}
async function timeAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

// ---- data ----
const sentences = Object.fromEntries(
  Object.entries(CORPUS_FILES).map(([lang, code]) => [lang, sentencesOf(code)]),
) as Record<ContentLanguage, string[]>;
const posts = makePosts(POSTS, sentences);
const byId = new Map(posts.map((post) => [post.id, post]));
const docOf = (post: BenchPost): SearchDoc => ({
  id: post.id,
  lang: post.language,
  title: '',
  body: post.body,
  text: '',
});
const numericId = (id: string): number => Number(id.slice('post:'.length));

/** A fixed query set per language: words as written (frequent, middling, rare), a prefix, and two words together. */
interface Query {
  text: string;
  kind: 'exact' | 'prefix' | 'two-words';
}
function querySet(): Query[] {
  const random = seeded(7);
  const queries: Query[] = [];
  for (const lang of Object.keys(sentences) as ContentLanguage[]) {
    const pool = sentences[lang];
    const words = pool.flatMap((sentence) =>
      tokenize(sentence)
        .filter((token) => token.end - token.start >= 2)
        .map((token) => sentence.slice(token.start, token.end)),
    );
    for (let i = 0; i < 4; i += 1) queries.push({ text: pick(words, random), kind: 'exact' });
    const long = words.filter((word) => word.length >= 5);
    const word = pick(long.length > 0 ? long : words, random);
    queries.push({
      text: Array.from(word)
        .slice(0, Math.max(2, Math.ceil(Array.from(word).length / 2)))
        .join(''),
      kind: 'prefix',
    });
    const sentence = pick(pool, random);
    const inSentence = tokenize(sentence).filter((token) => token.end - token.start >= 2);
    const a = inSentence[0];
    const b = inSentence[Math.floor(inSentence.length / 2)];
    if (a !== undefined && b !== undefined) {
      queries.push({ text: `${sentence.slice(a.start, a.end)} ${sentence.slice(b.start, b.end)}`, kind: 'two-words' });
    }
  }
  return queries;
}
const queries = querySet();

out(`# Offline search benchmark`);
out(
  `posts: ${String(POSTS)} in ${String(Object.keys(sentences).length)} languages (UDHR sentences); queries: ${String(queries.length)} × ${String(REPEAT)}`,
);
out(`node ${process.version}, ${new Date().toISOString()}`);
out();

// ---- MiniSearch (our tokenizer) ----
const mini = time(() => SearchIndex.build(posts.map(docOf)));
const miniIndex = mini.value;
// ---- FlexSearch (same tokenizer, forward = prefix) ----
const flex = time(() => {
  const index = new FlexIndex({
    tokenize: 'forward',
    encode: indexTerms,
    resolution: 9,
    cache: false,
    fastupdate: true,
  });
  for (const post of posts) index.add(numericId(post.id), post.body);
  return index;
});
const flexIndex = flex.value;

function loadTop(ids: readonly string[], terms: ReadonlySet<string>): number {
  let chars = 0;
  for (const id of ids.slice(0, TOP)) {
    const post = byId.get(id);
    if (post !== undefined) chars += snippet(post.body, terms).text.length;
  }
  return chars;
}

function measureQueries(run: (query: Query) => number): { p50: number; p95: number; max: number } {
  const samples: number[] = [];
  for (let round = 0; round < REPEAT; round += 1) {
    for (const query of queries) {
      const start = performance.now();
      run(query);
      samples.push(performance.now() - start);
    }
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}

const miniQuery = measureQueries((query) => {
  const hits = miniIndex.search(query.text, { limit: TOP });
  return loadTop(
    hits.map((hit) => hit.id),
    new Set(hits.flatMap((hit) => hit.terms)),
  );
});
// MiniSearch's own search() on the same index: what the ranked query replaces.
const miniReferenceQuery = measureQueries((query) => {
  const hits = miniIndex.referenceSearch(query.text).slice(0, TOP);
  return loadTop(
    hits.map((hit) => hit.id),
    new Set(hits.flatMap((hit) => hit.terms)),
  );
});
const flexQuery = measureQueries((query) => {
  const ids = flexIndex.search(query.text, { limit: TOP });
  return loadTop(
    ids.map((id) => `post:${String(id)}`),
    new Set(queryTerms(query.text)),
  );
});

// ---- recall on exact terms vs a brute-force scan ----
const termSets = new Map(posts.map((post) => [post.id, new Set(indexTerms(post.body))]));
function bruteForce(text: string): Set<string> {
  const wanted = queryTerms(text);
  const found = new Set<string>();
  for (const [id, terms] of termSets) if (wanted.every((term) => terms.has(term))) found.add(id);
  return found;
}
function recall(found: Iterable<string>, expected: ReadonlySet<string>): { hit: number; total: number } {
  const got = new Set(found);
  let hit = 0;
  for (const id of expected) if (got.has(id)) hit += 1;
  return { hit, total: expected.size };
}
const exact = queries.filter((query) => query.kind !== 'prefix');
let miniRecall = { hit: 0, total: 0 };
let flexRecall = { hit: 0, total: 0 };
let bruteMs = 0;
for (const query of exact) {
  const scan = time(() => bruteForce(query.text));
  bruteMs += scan.ms;
  const m = recall(
    miniIndex.search(query.text, { limit: Number.POSITIVE_INFINITY, prefix: false }).map((hit) => hit.id),
    scan.value,
  );
  const f = recall(
    flexIndex.search(query.text, { limit: POSTS }).map((id) => `post:${String(id)}`),
    scan.value,
  );
  miniRecall = { hit: miniRecall.hit + m.hit, total: miniRecall.total + m.total };
  flexRecall = { hit: flexRecall.hit + f.hit, total: flexRecall.total + f.total };
}

// ---- 1,000 changed posts ----
const random = seeded(99);
const changed = Array.from({ length: UPDATES }, () => {
  const post = pick(posts, random);
  return { ...post, body: `${pick(sentences[post.language], random)} ${pick(sentences[post.language], random)}` };
});
const miniUpdate = time(() => {
  for (const post of changed) miniIndex.upsert(docOf(post));
});
const flexUpdate = time(() => {
  for (const post of changed) flexIndex.update(numericId(post.id), post.body);
});
for (const post of changed) byId.set(post.id, post);

// ---- serialized index: save and load ----
const miniSave = time(() => miniIndex.toJson());
const miniLoad = time(() => SearchIndex.fromJson(miniSave.value));
const loadedCheck = miniLoad.value.search(queries[0]?.text ?? '', { limit: 1 }).length;
const flexParts = new Map<string, string>();
const flexSave = time(() => {
  flexIndex.export((key: string, data: string) => {
    flexParts.set(key, data);
  });
});
const flexSize = [...flexParts.values()].reduce((sum, part) => sum + part.length, 0);
const flexLoad = time(() => {
  // Imported without fastupdate: FlexSearch 0.8's import fails on a fastupdate index ("c.add is not a function").
  const index = new FlexIndex({ tokenize: 'forward', encode: indexTerms, resolution: 9, cache: false });
  for (const [key, data] of flexParts) index.import(key, data);
  return index;
});
const flexLoadedCheck = flexLoad.value.search(queries[0]?.text ?? '', { limit: 1 }).length;

const mb = (chars: number): string => `${(chars / 1_000_000).toFixed(1)} M chars`;
const pct = (r: { hit: number; total: number }): string =>
  `${(r.total === 0 ? 100 : (100 * r.hit) / r.total).toFixed(2)}% (${String(r.hit)}/${String(r.total)})`;

out(`| measure | MiniSearch index, the app's ranked query (our tokenizer) | FlexSearch (our tokenizer) | goal |`);
out(`| --- | --- | --- | --- |`);
out(`| build, ${String(POSTS)} posts | ${ms(mini.ms)} | ${ms(flex.ms)} | |`);
out(`| query p50 incl. top-${String(TOP)} load + snippets | ${ms(miniQuery.p50)} | ${ms(flexQuery.p50)} | |`);
out(`| query p95 incl. top-${String(TOP)} load + snippets | ${ms(miniQuery.p95)} | ${ms(flexQuery.p95)} | ≤ 10 ms |`);
out(`| query max | ${ms(miniQuery.max)} | ${ms(flexQuery.max)} | |`);
out(
  `| same queries through MiniSearch's own search() (p50 / p95 / max) | ${ms(miniReferenceQuery.p50)} / ${ms(miniReferenceQuery.p95)} / ${ms(miniReferenceQuery.max)} | | |`,
);
out(`| update ${String(UPDATES)} changed posts | ${ms(miniUpdate.ms)} | ${ms(flexUpdate.ms)} | ≤ 200 ms |`);
out(
  `| serialize | ${ms(miniSave.ms)} (${mb(miniSave.value.length)}) | ${ms(flexSave.ms)} (${mb(flexSize)}, ${String(flexParts.size)} parts) | |`,
);
out(`| load serialized index | ${ms(miniLoad.ms)} | ${ms(flexLoad.ms)} | ≤ 1 s |`);
out(
  `| recall, exact terms vs brute force (${String(exact.length)} queries) | ${pct(miniRecall)} | ${pct(flexRecall)} | 100% |`,
);
out();
out(
  `brute-force scan over pre-tokenized posts: ${ms(bruteMs / exact.length)} per query; loaded indexes answer: ${String(loadedCheck)}/${String(flexLoadedCheck)}`,
);

// ---- the tokenizer: the whole declaration through Intl.Segmenter, against the pieces between spaces ----
// Both give the same tokens (tests/unit/search/tokenizer-equivalence.test.ts); the median of 9 runs of each.
out();
out('| tokenizing the declaration | characters | Intl.Segmenter only | pieces between spaces | faster |');
out('| --- | --- | --- | --- | --- |');
for (const [lang, code] of Object.entries(CORPUS_FILES)) {
  const text = sentencesOf(code).join(' ');
  const timeOf = (scan: typeof scanTokens): number => {
    const runs: number[] = [];
    for (let run = 0; run < 9; run += 1) runs.push(time(() => scan(text, () => true)).ms);
    return percentile(runs, 50);
  };
  timeOf(scanTokens); // warm up both
  timeOf(segmentTokens);
  const [whole, pieces] = [timeOf(segmentTokens), timeOf(scanTokens)];
  out(`| ${lang} | ${String(text.length)} | ${ms(whole)} | ${ms(pieces)} | ${(whole / pieces).toFixed(1)}× |`);
}
out();

// ---- the app's cold start: SearchService over IndexedDB (fake-indexeddb, in memory) ----
if (!SKIP_DB) {
  const factory = new IDBFactory();
  const db = openDb('bench', { indexedDB: factory, IDBKeyRange });
  const rows: CachedPost[] = posts.map((post, n) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    threadId: '00000000-0000-4000-8000-000000000000',
    authorId: '00000000-0000-4000-8000-000000000000',
    body: byId.get(post.id)?.body ?? post.body,
    language: post.language,
    replyTo: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    editedAt: null,
    hidden: false,
    attachments: [],
    version: 1,
  }));
  const seed = await timeAsync(() => db.posts.bulkPut(rows));
  const first = new SearchService(db, { saveDelayMs: 60_000 });
  // The longest stretch the event loop was held (a timer checks it every millisecond): what a user would feel.
  const longestTask = async <T>(run: () => Promise<T>): Promise<{ value: T; blockedMs: number }> => {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const value = await run();
    delay.disable();
    return { value, blockedMs: delay.max / 1e6 };
  };
  const build = await longestTask(() => first.open());
  const rebuilt = build.value;
  const savedRun = await longestTask(() => timeAsync(() => first.saveNow()));
  const saved = savedRun.value;
  await first.close();
  db.close();
  const again = openDb('bench', { indexedDB: factory, IDBKeyRange });
  const second = new SearchService(again, { saveDelayMs: 60_000 });
  const coldStart = performance.now();
  const cold = await second.open();
  const firstQuery = await timeAsync(() => second.search(queries[0]?.text ?? ''));
  await second.whenIdle();
  const completeMs = performance.now() - coldStart;
  // Queries as the screen runs them: sharded index, top 20 loaded from IndexedDB, snippets made.
  const appSamples: number[] = [];
  for (let round = 0; round < REPEAT; round += 1) {
    for (const query of queries) {
      const start = performance.now();
      await second.search(query.text, { limit: TOP });
      appSamples.push(performance.now() - start);
    }
  }
  // 1,000 posts changed by a sync page: written in one transaction, indexed through the change feed.
  const edited = rows.slice(0, UPDATES).map((row, n) => ({
    ...row,
    body: changed[n]?.body ?? row.body,
    version: 2,
  }));
  await again.posts.bulkPut(edited);
  const appUpdate = await timeAsync(() => second.whenIdle());
  await second.close();
  again.close();
  out();
  out(`App path (SearchService, fake-indexeddb in memory; ${String(POSTS)} posts seeded in ${ms(seed.ms)}):`);
  out(
    `- first start, index built from the tables: ${ms(rebuilt.ms)} (${rebuilt.source}, ${String(rebuilt.documents)} docs), in slices: the event loop was held at most ${ms(build.blockedMs)} at a time`,
  );
  out(
    `- save (serialize in slices + chunked write): ${ms(saved.ms)}; the event loop was held at most ${ms(savedRun.blockedMs)} at a time (one JSON.stringify of the same index: ${ms(miniSave.ms)})`,
  );
  out(
    `- cold start from the stored index: ready in ${ms(cold.ms)} (${cold.source}; recent shard: ${String(cold.documents)} docs)`,
  );
  out(`- first query after the cold start, with results loaded from IndexedDB: ${ms(firstQuery.ms)}`);
  out(`- all shards loaded (${String(second.documentCount)} docs): ${ms(completeMs)} after the start`);
  out(
    `- query as the screen runs it (sharded index, top ${String(TOP)} read from IndexedDB, snippets): p50 ${ms(percentile(appSamples, 50))}, p95 ${ms(percentile(appSamples, 95))}`,
  );
  out(
    `- ${String(UPDATES)} posts changed in one transaction → index updated through the change feed: ${ms(appUpdate.ms)}`,
  );
}
