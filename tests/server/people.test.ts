import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate, MIGRATIONS } from '../../server/db/migrations';
import {
  displayNameKey,
  formatInvitationCode,
  type Account,
  type Invitation,
  type LoginResponse,
  type PeopleSearchResponse,
  type WireError,
} from '../../src/shared/wire';
import { DEMO, manualClock, startTestCluster, type TestCluster, type TestServer } from './harness';
import { inviteAndJoin } from './people-support';

let cluster: TestCluster;
let server: TestServer;
const clock = manualClock();
let admin = '';
let participant = '';

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({
    seed: 'demo',
    now: clock.now,
    limits: { loginAttempts: 3, loginWindowSeconds: 300 },
  });
  admin = await server.api.login(DEMO.admin);
  participant = await server.api.login(DEMO.participant);
});
afterAll(async () => {
  await cluster.stop();
});

function invite(token: string, body: unknown) {
  return server.api.request<Invitation & WireError>('POST', '/api/people/invitations', { token, body });
}
function redeem(body: { email: string; code: string; password: string }) {
  return server.api.request<LoginResponse & WireError>('POST', '/api/auth/invitation', { body });
}
function search(token: string, query: string) {
  return server.api.request<PeopleSearchResponse>('POST', '/api/people/search', { token, body: { query } });
}

describe('invitations', () => {
  it('create an invited account with a one-time code that is stored only as a hash', async () => {
    const answer = await invite(admin, {
      email: 'amina@example.org',
      displayName: 'Amina Diallo',
      roles: ['facilitator'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/u);
    expect(answer.body.account).toMatchObject({ email: 'amina@example.org', state: 'invited', roles: ['facilitator'] });
    expect(Date.parse(answer.body.expiresAt) - clock.now().getTime()).toBe(7 * 24 * 3600 * 1000);
    const stored = await server.sql<{ code_hash: string }>('SELECT code_hash FROM invitations');
    expect(JSON.stringify(stored)).not.toContain(answer.body.code);
    // The invited account cannot sign in until its invitee chose a password.
    const login = await server.api.request('POST', '/api/auth/login', {
      body: { email: 'amina@example.org', password: 'anything-at-all' },
    });
    expect(login.status).toBe(401);
    const found = await search(admin, 'amina');
    expect(found.body.accounts.map((account) => account.state)).toEqual(['invited']);
  });

  it('let the invitee redeem the code once, with the password they choose', async () => {
    const { body } = await invite(admin, {
      email: 'bo@example.org',
      displayName: 'Bo Lindqvist',
      roles: ['participant'],
    });
    const wrongEmail = await redeem({ email: 'amina@example.org', code: body.code, password: 'my own secret' });
    expect(wrongEmail.status).toBe(401);
    // Typed with dashes and in lower case, as people do.
    const typed = formatInvitationCode(body.code).toLowerCase();
    const joined = await redeem({ email: 'BO@example.org', code: typed, password: 'my own secret' });
    expect(joined.status).toBe(200);
    expect(joined.body.user).toMatchObject({ email: 'bo@example.org', displayName: 'Bo Lindqvist' });
    const me = await server.api.request('GET', '/api/auth/me', { token: joined.body.token });
    expect(me.status).toBe(200);
    const again = await redeem({ email: 'bo@example.org', code: body.code, password: 'another secret' });
    expect(again.status).toBe(401);
    expect(await server.api.login('bo@example.org', 'my own secret')).toMatch(/.{20}/u);
    const found = await search(admin, 'Lindqvist');
    expect(found.body.accounts[0]?.state).toBe('active');
  });

  it('refuse an expired code, and a code replaced by a newer one', async () => {
    const first = await invite(admin, { email: 'chen@example.org', displayName: 'Chen Wei', roles: ['participant'] });
    const second = await server.api.request<Invitation>('POST', `/api/people/${first.body.account.id}/invitation`, {
      token: admin,
      body: {},
    });
    expect(second.status).toBe(200);
    expect((await redeem({ email: 'chen@example.org', code: first.body.code, password: 'long enough' })).status).toBe(
      401,
    );
    clock.advance(7 * 24 * 3600 + 1);
    // The tests' sessions expired meanwhile too.
    admin = await server.api.login(DEMO.admin);
    participant = await server.api.login(DEMO.participant);
    expect((await redeem({ email: 'chen@example.org', code: second.body.code, password: 'long enough' })).status).toBe(
      401,
    );
    const third = await server.api.request<Invitation>('POST', `/api/people/${first.body.account.id}/invitation`, {
      token: admin,
      body: {},
    });
    expect((await redeem({ email: 'chen@example.org', code: third.body.code, password: 'long enough' })).status).toBe(
      200,
    );
    // Someone who has a password gets no new code.
    const late = await server.api.request('POST', `/api/people/${first.body.account.id}/invitation`, {
      token: admin,
      body: {},
    });
    expect(late.status).toBe(409);
  });

  it('throttle guessing like signing in', async () => {
    await invite(admin, { email: 'dora@example.org', displayName: 'Dora', roles: ['participant'] });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const guess = await redeem({ email: 'dora@example.org', code: 'AAAAAAAAAAAAAAAAAAAA', password: 'long enough' });
      statuses.push(guess.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('keep people who do not manage users out', async () => {
    expect((await invite(participant, { email: 'x@example.org', displayName: 'X', roles: ['admin'] })).status).toBe(
      403,
    );
    expect((await search(participant, '')).status).toBe(403);
    const [user] = await server.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.moderator]);
    const promote = await server.api.request('POST', `/api/people/${user?.id ?? ''}`, {
      token: participant,
      body: { roles: ['admin'] },
    });
    expect(promote.status).toBe(403);
  });
});

describe('display names', () => {
  it('refuse a name that is taken, compared after NFKC and case folding, with invisible characters removed', async () => {
    for (const displayName of ['demo admin', 'ＤＥＭＯ ＡＤＭＩＮ', 'Demo\u200B Admin', '\u202EDemo Admin']) {
      const answer = await invite(admin, { email: `${randomUUID()}@example.org`, displayName, roles: ['participant'] });
      expect([displayName, answer.status]).toEqual([displayName, 409]);
    }
    const taken = await invite(admin, {
      email: DEMO.participant.toUpperCase(),
      displayName: 'Fresh',
      roles: ['participant'],
    });
    expect(taken.status).toBe(409);
  });

  it('refuse names that differ only by case, width or compatibility forms, in every script', async () => {
    for (const [first, ...others] of [
      ['İpek Yılmaz', 'IPEK YILMAZ', 'ipek yilmaz', 'İPEK YILMAZ'],
      ['Işık Demir', 'ışık demir', 'IŞIK DEMİR'],
      ['Jürgen Straße', 'JÜRGEN STRASSE', 'jürgen strasse', 'JÜRGEN STRAẞE'],
      ['Νίκος Παπαδόπουλος', 'ΝΊΚΟΣ ΠΑΠΑΔΌΠΟΥΛΟΣ', 'νίκοσ παπαδόπουλοσ'],
      ['Ｋｅｎｊｉ Ｓａｔｏ', 'kenji sato', 'KENJI SATO'],
      ['ﬁona Tanaka', 'FIONA TANAKA'],
    ] as const) {
      const created = await invite(admin, {
        email: `${randomUUID()}@example.org`,
        displayName: first,
        roles: ['participant'],
      });
      expect([first, created.status]).toEqual([first, 200]);
      // The key the server stored is the shared definition's, not SQL's reading of it.
      const [row] = await server.sql<{ display_key: string }>('SELECT display_key FROM users WHERE id = $1', [
        created.body.account.id,
      ]);
      expect(row?.display_key).toBe(displayNameKey(first));
      for (const other of others) {
        const answer = await invite(admin, {
          email: `${randomUUID()}@example.org`,
          displayName: other,
          roles: ['participant'],
        });
        expect([other, answer.status]).toEqual([other, 409]);
      }
    }
    // Different names stay different: an accent is a letter of its own.
    const elise = await invite(admin, {
      email: `${randomUUID()}@example.org`,
      displayName: 'Elise Dubois',
      roles: ['participant'],
    });
    const élise = await invite(admin, {
      email: `${randomUUID()}@example.org`,
      displayName: 'Élise Dubois',
      roles: ['participant'],
    });
    expect([elise.status, élise.status]).toEqual([200, 200]);
  });

  it('store a name without bidi controls or zero-width characters', async () => {
    const answer = await invite(admin, {
      email: 'eve@example.org',
      displayName: '\u202Eevil\u2066 Name\u200B',
      roles: ['participant'],
    });
    expect(answer.body.account.displayName).toBe('evil Name');
  });

  it('refuse a profile or admin rename to a name another account has', async () => {
    const pushed = await server.api.push(participant, 'names', [
      { id: randomUUID(), name: 'profile.update', args: { displayName: 'DEMO MODERATOR' } },
    ]);
    expect(pushed.body.results[0]).toMatchObject({ status: 'rejected', code: 'already-exists' });
    const [moderator] = await server.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.moderator]);
    const renamed = await server.api.push(admin, 'names', [
      { id: randomUUID(), name: 'user.update', args: { id: moderator?.id, displayName: 'demo participant' } },
    ]);
    expect(renamed.body.results[0]).toMatchObject({ status: 'rejected', code: 'already-exists' });
    // One's own name in another case is one's own.
    const own = await server.api.push(participant, 'names', [
      { id: randomUUID(), name: 'profile.update', args: { displayName: 'Demo participant' } },
    ]);
    expect(own.body.results[0]).toMatchObject({ status: 'applied' });
  });

  it('number names that were already shared when the unique rule arrived, in the feed too', async () => {
    const db = openDatabase(await cluster.database());
    try {
      await migrate(
        db,
        MIGRATIONS.filter((migration) => migration.version < 7),
      );
      for (const [name, at] of [
        ['Ana Souza', '2020-01-01'],
        ['ana souza', '2021-01-01'],
        ['Ｂｏ', '2020-01-01'],
        ['bo', '2021-01-01'],
      ] as const) {
        const id = randomUUID();
        await db.query(
          `INSERT INTO users (id, email, password_hash, display_name, roles, created_at)
           VALUES ($1, $2, 'x', $3, '{participant}', $4)`,
          [id, `${id}@example.org`, name, at],
        );
        await db.query(
          `INSERT INTO entities (type, id, version, seq, data, updated_at)
           VALUES ('user', $1, 1, nextval('change_seq'), $2, now())`,
          [id, JSON.stringify({ id, displayName: name, roles: ['participant'], editions: [], contentLanguages: [] })],
        );
      }
      await migrate(db);
      const users = await db.query<{ display_name: string }>('SELECT display_name FROM users ORDER BY created_at, id');
      expect(users.rows.map((row) => row.display_name).sort()).toEqual(
        ['Ana Souza', 'ana souza (2)', 'bo (2)', 'Ｂｏ'].sort(),
      );
      const feed = await db.query<{ name: string; version: number }>(
        "SELECT data->>'displayName' AS name, version FROM entities WHERE type = 'user' AND version = 2",
      );
      expect(feed.rows.map((row) => row.name).sort()).toEqual(['ana souza (2)', 'bo (2)']);
    } finally {
      await db.close();
    }
  });
  it('compute every existing key again by the shared definition, numbering names that now compare equal', async () => {
    const db = openDatabase(await cluster.database());
    try {
      await migrate(
        db,
        MIGRATIONS.filter((migration) => migration.version < 11),
      );
      // Written with migration 10's SQL key, which keeps these apart.
      for (const [name, at] of [
        ['Jürgen Straße', '2020-01-01'],
        ['JÜRGEN STRASSE', '2021-01-01'],
        ['Işık Demir', '2020-01-01'],
        ['IŞIK DEMİR', '2021-01-01'],
        ['Νίκος', '2020-01-01'],
        ['ΝΊΚΟΣ', '2021-01-01'],
        ['Amina Diallo', '2020-01-01'],
      ] as const) {
        const id = randomUUID();
        await db.query(
          `INSERT INTO users (id, email, password_hash, display_name, display_key, roles, created_at)
           VALUES ($1, $2, 'x', $3, lower($3), '{participant}', $4)`,
          [id, `${id}@example.org`, name, at],
        );
        await db.query(
          `INSERT INTO entities (type, id, version, seq, data, updated_at)
           VALUES ('user', $1, 1, nextval('change_seq'), $2, now())`,
          [id, JSON.stringify({ id, displayName: name, roles: ['participant'], editions: [], contentLanguages: [] })],
        );
      }
      expect(await migrate(db)).toEqual([11]);
      const users = await db.query<{ display_name: string; display_key: string }>(
        'SELECT display_name, display_key FROM users',
      );
      expect(users.rows.map((row) => row.display_name).sort()).toEqual(
        [
          'Amina Diallo',
          'IŞIK DEMİR (2)',
          'Işık Demir',
          'JÜRGEN STRASSE (2)',
          'Jürgen Straße',
          'Νίκος',
          'ΝΊΚΟΣ (2)',
        ].sort(),
      );
      for (const row of users.rows) expect(row.display_key).toBe(displayNameKey(row.display_name));
      const feed = await db.query<{ name: string }>(
        "SELECT data->>'displayName' AS name FROM entities WHERE type = 'user' AND version = 2",
      );
      expect(feed.rows.map((row) => row.name).sort()).toEqual(
        ['IŞIK DEMİR (2)', 'JÜRGEN STRASSE (2)', 'ΝΊΚΟΣ (2)'].sort(),
      );
      // The rule of the data is back: a key two accounts would share is refused by the index itself.
      await expect(
        db.query(
          `INSERT INTO users (id, email, password_hash, display_name, display_key, roles)
           VALUES ($1, $2, 'x', 'JURGEN', $3, '{participant}')`,
          [randomUUID(), 'x@example.org', displayNameKey('Jürgen Straße')],
        ),
      ).rejects.toThrow(/users_display_key/u);
    } finally {
      await db.close();
    }
  });
});

describe('accounts', () => {
  it('let an admin change roles, disable and re-enable, but not disable themselves', async () => {
    const bo = await inviteAndJoin(server.api, admin, {
      email: 'fatou@example.org',
      displayName: 'Fatou Sall',
      roles: ['participant'],
      password: 'fatou password',
    });
    const update = (id: string, body: unknown) =>
      server.api.request<Account & WireError>('POST', `/api/people/${id}`, { token: admin, body });
    expect((await update(bo.id, { roles: ['participant', 'moderator'] })).body.roles).toEqual([
      'participant',
      'moderator',
    ]);
    const disabled = await update(bo.id, { disabled: true });
    expect(disabled.body.state).toBe('disabled');
    expect((await server.api.request('GET', '/api/auth/me', { token: bo.token })).status).toBe(401);
    expect((await update(bo.id, { disabled: false })).body.state).toBe('active');
    expect(await server.api.login('fatou@example.org', 'fatou password')).toMatch(/.{20}/u);
    const [me] = await server.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [DEMO.admin]);
    const self = await update(me?.id ?? '', { disabled: true });
    expect(self.status).toBe(400);
    expect((await update(randomUUID(), { disabled: true })).status).toBe(404);
  });

  it('search by part of a name or an email', async () => {
    const byName = await search(admin, 'DEMO');
    expect(byName.body.accounts.map((account) => account.email).sort()).toEqual(Object.values(DEMO).sort());
    const byEmail = await search(admin, 'moderator@');
    expect(byEmail.body.accounts.map((account) => account.displayName)).toEqual(['Demo Moderator']);
    expect((await search(admin, '')).body.accounts.length).toBeGreaterThan(4);
  });
});

describe('changing one’s password', () => {
  it('check the current password, sign out the other sessions and keep this one', async () => {
    const { token } = await inviteAndJoin(server.api, admin, {
      email: 'gael@example.org',
      displayName: 'Gaël',
      roles: ['participant'],
      password: 'first password',
    });
    const elsewhere = await server.api.login('gael@example.org', 'first password');
    const change = (currentPassword: string) =>
      server.api.request<{ signedOut: number } & WireError>('POST', '/api/auth/password', {
        token,
        body: { currentPassword, newPassword: 'second password' },
      });
    expect((await change('not it')).status).toBe(403);
    const changed = await change('first password');
    expect(changed.status).toBe(200);
    expect(changed.body.signedOut).toBe(1);
    expect((await server.api.request('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await server.api.request('GET', '/api/auth/me', { token: elsewhere })).status).toBe(401);
    const old = await server.api.request('POST', '/api/auth/login', {
      body: { email: 'gael@example.org', password: 'first password' },
    });
    expect(old.status).toBe(401);
    expect(await server.api.login('gael@example.org', 'second password')).toMatch(/.{20}/u);
  });

  it('refuse a new password that is too short', async () => {
    const short = await server.api.request('POST', '/api/auth/password', {
      token: participant,
      body: { currentPassword: 'collective-brain', newPassword: 'short' },
    });
    expect(short.status).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('describes the people routes from the same schemas', async () => {
    const openapi = await server.api.request<{ paths: Record<string, unknown>; components: { schemas: object } }>(
      'GET',
      '/api/openapi.json',
      { protocol: null },
    );
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/people/invitations', '/api/auth/invitation', '/api/auth/password']),
    );
    expect(openapi.body.components.schemas).toHaveProperty('RedeemInvitationRequest');
  });
});
