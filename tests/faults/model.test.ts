import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/renderer/src/data/ids';
import { enqueueWrites, keepMine, takeTheirs } from '../../src/renderer/src/data/outbox';
import { startTestServer, type TestServer } from '../support/server';
import { DEMO_PASSWORD, startSyncClient, type SyncClient } from '../support/sync-client';
import { makeTempDir } from '../support/temp-dir';
import { differences } from './convergence';
import { recordFigures, runSeed, scale } from './report';

/**
 * A model-based random test, the way Yjs tests convergence: fast-check draws sequences of what users and
 * networks do (replies, edits, edits the server refuses, conflicting edits from two computers, choices in
 * conflicts, disconnects, syncs, restarts of the app) against three replicas (two computers of one
 * participant, and a facilitator) on the real server. After each sequence every replica is brought back
 * online: no text a user wrote is lost (it is the post's text on the server unless a later write or the
 * user's choice replaced it, or it waits in a draft with the server's reason), and all replicas converge.
 */
/** Sequences are drawn until this many steps have run (fast-check draws many short ones, a few long). */
const STEPS = scale(10_000, 100);
/** At most this many sequences: enough to reach STEPS with any seed. */
const MAX_RUNS = scale(500, 40);
const MAX_STEPS = scale(400, 100);
const seed = runSeed();

type Replica = 0 | 1 | 2;
const USER_OF = ['participant', 'participant', 'facilitator'] as const;

interface Model {
  /** Each post's texts in the order the users meant them: the last one must be on the server. */
  posts: Map<string, { author: (typeof USER_OF)[number]; texts: string[] }>;
  /** Texts the server refused, by replica: each must be in that replica's drafts. */
  refused: { replica: Replica; text: string }[];
  steps: number;
  counts: Record<string, number>;
}

interface Node {
  client: SyncClient;
  profileDir: string;
  indexedDB: IDBFactory;
  offline: boolean;
}

let server: TestServer;
let pool: pg.Pool;
let threads: string[] = [];
const nodes: Node[] = [];
const cleanups: (() => Promise<void>)[] = [];
let text = 0;
const nextText = (what: string): string => {
  text += 1;
  return `${what} ${String(text)} (${String(seed)})`;
};

async function open(node: Omit<Node, 'client'> & { client?: SyncClient }): Promise<SyncClient> {
  return startSyncClient({
    profileDir: node.profileDir,
    serverUrl: server.server.url,
    indexedDB: node.indexedDB,
    backoff: { baseMs: 10, maxMs: 100 },
    wrapFetch: (fetch) => (input, init) =>
      (nodes.find((n) => n.profileDir === node.profileDir)?.offline ?? false)
        ? Promise.reject(new TypeError('network down (model)'))
        : fetch(input, init),
  });
}

async function quiet(node: Node): Promise<void> {
  node.client.engine.trigger();
  if (node.offline) {
    await expect.poll(() => node.client.engine.current().phase).toBe('waiting-to-retry');
    return;
  }
  await expect
    .poll(async () => {
      const status = node.client.engine.current();
      const waiting = await node.client.db.outbox.where('status').anyOf('pending', 'sending').count();
      return status.phase === 'idle' && waiting === 0;
    })
    .toBe(true);
}

const count = (model: Model, name: string): void => {
  model.steps += 1;
  model.counts[name] = (model.counts[name] ?? 0) + 1;
};

class Reply implements fc.AsyncCommand<Model, Node[]> {
  constructor(
    readonly replica: Replica,
    readonly thread: number,
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Node[]): Promise<void> {
    count(model, 'reply');
    const id = newId();
    const body = nextText('Reply');
    const threadId = threads[this.thread % threads.length] ?? '';
    await enqueueWrites(real[this.replica]?.client.db ?? fail(), [
      { name: 'post.create', args: { id, threadId, body, language: 'en' } },
    ]);
    model.posts.set(id, { author: USER_OF[this.replica], texts: [body] });
  }
  toString = (): string => `reply(${String(this.replica)})`;
}

/** An edit of a post as this replica shows it (so two computers may edit the same version: a conflict). */
class Edit implements fc.AsyncCommand<Model, Node[]> {
  constructor(
    readonly replica: Replica,
    readonly pick: number,
    readonly forbidden: boolean,
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Node[]): Promise<void> {
    const user = USER_OF[this.replica];
    const db = real[this.replica]?.client.db ?? fail();
    // Someone else's post for an edit the server refuses (a participant may not edit a facilitator's post).
    const wanted = this.forbidden ? (user === 'participant' ? 'facilitator' : null) : user;
    if (wanted === null) {
      count(model, 'edit with nothing to edit');
      return;
    }
    const ids = [...model.posts].filter(([, post]) => post.author === wanted).map(([id]) => id);
    const rows = (await db.posts.bulkGet(ids)).filter((row) => row !== undefined && row.version > 0);
    const row = rows[this.pick % Math.max(1, rows.length)];
    if (row === undefined) {
      count(model, 'edit with nothing to edit');
      return;
    }
    count(model, this.forbidden ? 'refused edit' : 'edit');
    const body = nextText(this.forbidden ? 'Refused edit' : 'Edit');
    await enqueueWrites(db, [{ name: 'post.update', args: { id: row.id, body }, baseVersion: row.version }]);
    if (this.forbidden) model.refused.push({ replica: this.replica, text: body });
    else model.posts.get(row.id)?.texts.push(body);
  }
  toString = (): string => `${this.forbidden ? 'refused-' : ''}edit(${String(this.replica)})`;
}

/** The user settles a conflict: their version (sent again, now the latest) or the server's (theirs dropped). */
async function settle(model: Model, db: SyncClient['db'], pick: number, mine: boolean): Promise<boolean> {
  const conflicts = await db.outbox.where('status').equals('conflict').toArray();
  const item = conflicts[pick % Math.max(1, conflicts.length)];
  if (item?.seq === undefined || item.name !== 'post.update') return false;
  const texts = model.posts.get(item.entityId)?.texts ?? [];
  const body = item.args.body;
  if (mine) {
    await keepMine(db, item.seq);
    texts.push(body);
    // This computer's later edits of the post, still waiting, follow it (keepMine rebases them): they
    // stay the latest the user meant.
    const later = await db.outbox.where('entityId').equals(item.entityId).sortBy('seq');
    for (const next of later)
      if (next.status === 'pending' && (next.seq ?? 0) > item.seq && next.name === 'post.update')
        texts.push(next.args.body);
  } else {
    await takeTheirs(db, item.seq);
    const at = texts.lastIndexOf(body);
    if (at >= 0) texts.splice(at, 1);
  }
  return true;
}

class Resolve implements fc.AsyncCommand<Model, Node[]> {
  constructor(
    readonly replica: Replica,
    readonly pick: number,
    readonly mine: boolean,
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Node[]): Promise<void> {
    const settled = await settle(model, real[this.replica]?.client.db ?? fail(), this.pick, this.mine);
    count(model, settled ? (this.mine ? 'conflict: keep mine' : 'conflict: take theirs') : 'no conflict to settle');
  }
  toString = (): string => `resolve(${String(this.replica)}, ${this.mine ? 'mine' : 'theirs'})`;
}

class Sync implements fc.AsyncCommand<Model, Node[]> {
  constructor(readonly replica: Replica) {}
  check = (): boolean => true;
  async run(model: Model, real: Node[]): Promise<void> {
    count(model, 'sync');
    await quiet(real[this.replica] ?? fail());
  }
  toString = (): string => `sync(${String(this.replica)})`;
}

class Network implements fc.AsyncCommand<Model, Node[]> {
  constructor(
    readonly replica: Replica,
    readonly offline: boolean,
  ) {}
  check = (): boolean => true;
  run(model: Model, real: Node[]): Promise<void> {
    count(model, this.offline ? 'disconnect' : 'reconnect');
    const node = real[this.replica] ?? fail();
    node.offline = this.offline;
    if (!this.offline) node.client.engine.trigger();
    return Promise.resolve();
  }
  toString = (): string => `${this.offline ? 'disconnect' : 'reconnect'}(${String(this.replica)})`;
}

/** The app quits (whatever it was doing) and starts again on the same profile and IndexedDB. */
class Restart implements fc.AsyncCommand<Model, Node[]> {
  constructor(readonly replica: Replica) {}
  check = (): boolean => true;
  async run(model: Model, real: Node[]): Promise<void> {
    count(model, 'restart');
    const node = real[this.replica] ?? fail();
    await node.client.close();
    node.client = await open(node);
    node.client.engine.start();
  }
  toString = (): string => `restart(${String(this.replica)})`;
}

function fail(): never {
  throw new Error('no such replica');
}

const replica = fc.constantFrom<Replica>(0, 1, 2);
const commands = [
  fc.tuple(replica, fc.nat()).map(([r, t]) => new Reply(r, t)),
  fc.tuple(replica, fc.nat()).map(([r, t]) => new Reply(r, t)),
  fc.tuple(replica, fc.nat()).map(([r, p]) => new Edit(r, p, false)),
  fc.tuple(replica, fc.nat()).map(([r, p]) => new Edit(r, p, false)),
  fc.tuple(fc.constantFrom<Replica>(0, 1), fc.nat()).map(([r, p]) => new Edit(r, p, true)),
  fc.tuple(replica, fc.nat(), fc.boolean()).map(([r, p, m]) => new Resolve(r, p, m)),
  replica.map((r) => new Sync(r)),
  fc.tuple(replica, fc.boolean()).map(([r, o]) => new Network(r, o)),
  replica.map((r) => new Restart(r)),
];

/** Everyone back online, every conflict settled (their own text kept), until no outbox holds anything. */
async function bringTogether(model: Model): Promise<void> {
  for (const node of nodes) node.offline = false;
  for (let round = 0; round < 20; round += 1) {
    for (const node of nodes) await quiet(node);
    let settled = false;
    for (const node of nodes) while (await settle(model, node.client.db, 0, true)) settled = true;
    if (!settled) {
      for (const node of nodes) await quiet(node);
      return;
    }
  }
  throw new Error('conflicts kept coming back');
}

async function checkInvariants(model: Model): Promise<void> {
  for (const node of nodes) expect(await node.client.db.outbox.count()).toBe(0);
  // No text lost: each post ends with the last text its users meant.
  const ids = [...model.posts.keys()];
  const { rows } = await pool.query<{ id: string; body: string }>(
    `SELECT id::text, data->>'body' AS body FROM entities WHERE type = 'post' AND id = ANY($1::uuid[])`,
    [ids],
  );
  const bodies = new Map(rows.map((row) => [row.id, row.body]));
  const lost = [...model.posts]
    .filter(([id, post]) => bodies.get(id) !== post.texts.at(-1))
    .map(([id, post]) => `${id}: server "${String(bodies.get(id))}", meant "${String(post.texts.at(-1))}"`);
  expect(lost).toEqual([]);
  // Refused texts wait in the drafts of the computer they were written on, with the server's reason.
  for (const { replica: r, text: refused } of model.refused) {
    const drafts = await (nodes[r] ?? fail()).client.db.drafts.toArray();
    expect(drafts.some((draft) => Object.values(draft.fields).includes(refused) && draft.rejection !== undefined)).toBe(
      true,
    );
  }
  // Converged: each replica equals the server (and so each other), by entity, version and thread count.
  for (const node of nodes)
    expect(await differences(node.client.db, pool, false)).toEqual({ entities: [], counts: [] });
}

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.server.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  for (const email of ['participant@example.org', 'participant@example.org', 'facilitator@example.org']) {
    const profile = await makeTempDir('cb-faults-model-');
    const node = { profileDir: profile.dir, indexedDB: new IDBFactory(), offline: false } as Node;
    node.client = await open(node);
    nodes.push(node);
    cleanups.push(async () => {
      await node.client.close();
      await profile.cleanup();
    });
    const status = await node.client.api.session.login({ email, password: DEMO_PASSWORD });
    if (!status.ok) throw new Error(`login failed: ${status.error.code}`);
    node.client.engine.start();
    await node.client.settle();
  }
  threads = (await nodes[0]?.client.db.threads.filter((t) => !t.locked && !t.hidden).toArray())?.map((t) => t.id) ?? [];
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pool.end();
  await server.close();
});

describe('a model of users, networks and restarts', () => {
  it('loses no text and converges, over thousands of random steps', async () => {
    const totals: Model = { posts: new Map(), refused: [], steps: 0, counts: {} };
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_STEPS, size: 'max' }), async (sequence) => {
        // Enough steps: the sequences left are drawn (fast-check's count is fixed) but not run.
        if (totals.steps >= STEPS) return;
        runs += 1;
        const model: Model = { posts: new Map(), refused: [], steps: 0, counts: {} };
        await fc.asyncModelRun(() => ({ model, real: nodes }), sequence);
        await bringTogether(model);
        await checkInvariants(model);
        totals.steps += model.steps;
        for (const [name, n] of Object.entries(model.counts)) totals.counts[name] = (totals.counts[name] ?? 0) + n;
        for (const [id, post] of model.posts) totals.posts.set(id, post);
        totals.refused.push(...model.refused);
      }),
      { numRuns: MAX_RUNS, seed, endOnFailure: true },
    );
    const { counts } = totals;
    await recordFigures('model', 'A model-based random test (fast-check)', [
      `Run of ${new Date().toISOString().slice(0, 10)}, seed ${String(seed)}: \`npx vitest run --config vitest.faults.config.ts tests/faults/model.test.ts\`.`,
      '',
      `${String(runs)} random sequences, ${String(totals.steps)} steps in all, against three replicas (two computers of one participant, a facilitator) on the real server. After each sequence: every outbox empty, every post's text on the server the last one its users meant, every refused text in a draft with its reason, every replica equal to the server by entity, version and thread count.`,
      '',
      '| Step | Count |',
      '| --- | --- |',
      ...Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .map(([name, n]) => `| ${name} | ${String(n)} |`),
      `| posts written | ${String(totals.posts.size)} |`,
      `| texts refused and kept as drafts | ${String(totals.refused.length)} |`,
    ]);
    expect(totals.steps).toBeGreaterThanOrEqual(STEPS);
  });
});
