import { displayNameKey } from '../../src/shared/wire/people';
import type { Database, Queryable } from './database';

/**
 * Versioned schema migrations. Each runs once, in its own transaction, and
 * is recorded in `schema_migrations`. Never edit a shipped migration: add one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
  /** What SQL cannot say, run after the statements in the same transaction. */
  readonly run?: (db: Queryable) => Promise<void>;
}

/**
 * Every account's display key computed again by displayNameKey (JS), the one definition: migration 10 made
 * existing keys with SQL's lower(), which leaves non-ASCII letters as they are under the C locale. Names that
 * now compare equal keep the oldest account's as it is; the others get a number, in the feed too.
 */
async function recomputeDisplayKeys(db: Queryable): Promise<void> {
  const users = await db.query<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM users ORDER BY created_at, id',
  );
  const taken = new Set<string>();
  const changed: { id: string; name: string; key: string; renamed: boolean }[] = [];
  for (const user of users.rows) {
    let name = user.display_name;
    let key = displayNameKey(name);
    for (let n = 2; taken.has(key); n += 1) {
      name = `${user.display_name} (${String(n)})`;
      key = displayNameKey(name);
    }
    taken.add(key);
    changed.push({ id: user.id, name, key, renamed: name !== user.display_name });
  }
  for (const user of changed) {
    await db.query('UPDATE users SET display_name = $2, display_key = $3 WHERE id = $1', [
      user.id,
      user.name,
      user.key,
    ]);
    if (!user.renamed) continue;
    await db.query(
      `UPDATE entities SET data = jsonb_set(data, '{displayName}', to_jsonb($2::text)),
              version = version + 1, seq = nextval('change_seq'), updated_at = now()
        WHERE type = 'user' AND id = $1 AND NOT deleted`,
      [user.id, user.name],
    );
  }
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts',
    statements: [
      `CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        roles text[] NOT NULL,
        editions uuid[] NOT NULL DEFAULT '{}',
        content_languages text[] NOT NULL DEFAULT '{}',
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE UNIQUE INDEX users_email_key ON users (lower(email))',
      `CREATE TABLE auth_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
      'CREATE INDEX auth_tokens_user ON auth_tokens (user_id)',
      `CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL,
        succeeded boolean NOT NULL
      )`,
      'CREATE INDEX login_attempts_email ON login_attempts (email, at)',
      'CREATE INDEX login_attempts_ip ON login_attempts (ip, at)',
    ],
  },
  {
    version: 2,
    name: 'sync feed',
    statements: [
      // The epoch changes when the feed is rebuilt; cursors from another epoch need a reset.
      `CREATE TABLE sync_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        epoch text NOT NULL,
        min_seq bigint NOT NULL DEFAULT 0
      )`,
      `INSERT INTO sync_state (epoch) VALUES (replace(gen_random_uuid()::text, '-', ''))`,
      'CREATE SEQUENCE change_seq',
      // Latest state per entity: a pull is O(entities changed), not O(history).
      `CREATE TABLE entities (
        type text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        seq bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        audience text NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'moderators')),
        owner_id uuid,
        parent_id uuid,
        data jsonb,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (type, id)
      )`,
      'CREATE UNIQUE INDEX entities_seq ON entities (seq)',
      'CREATE INDEX entities_parent ON entities (parent_id) WHERE parent_id IS NOT NULL',
      `CREATE TABLE applied_mutations (
        user_id uuid NOT NULL,
        client_id text NOT NULL,
        mutation_id text NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, client_id, mutation_id)
      )`,
    ],
  },
  {
    version: 3,
    name: 'files',
    statements: [
      `CREATE TABLE files (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL,
        mime text NOT NULL,
        uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 4,
    name: 'reader translations',
    statements: [
      // Translations are feed entities whose parent is the post or news item they translate.
      // One per author, original and language: the handler refuses a second one by name
      // (translation-exists); this index makes it a rule of the data, whatever writes it.
      `CREATE UNIQUE INDEX entities_translation_per_author
         ON entities (parent_id, owner_id, (data->>'language'))
         WHERE type = 'translation' AND NOT deleted`,
    ],
  },
  {
    version: 5,
    name: 'session chains and sign-in throttle',
    statements: [
      // A session is a chain of tokens, each refresh replacing the one before; it ends at an absolute time.
      `ALTER TABLE auth_tokens
         ADD COLUMN session_id uuid,
         ADD COLUMN session_expires_at timestamptz,
         ADD COLUMN used_at timestamptz,
         ADD COLUMN revoked_reason text,
         ADD COLUMN replaced_by text`,
      `UPDATE auth_tokens SET session_id = gen_random_uuid(),
              session_expires_at = created_at + interval '30 days',
              revoked_reason = CASE WHEN revoked_at IS NOT NULL THEN 'signed-out' END`,
      'ALTER TABLE auth_tokens ALTER COLUMN session_id SET NOT NULL, ALTER COLUMN session_expires_at SET NOT NULL',
      'CREATE INDEX auth_tokens_session ON auth_tokens (session_id)',
      // Failed sign-ins per account, per client address and per pair, counted in one row each (locked while counted).
      `CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        next_at timestamptz
      )`,
    ],
  },
  {
    version: 6,
    name: 'file uploaders, publication and quota',
    statements: [
      // Everyone who sent a file's bytes: each may reference it before it is published, and it counts in their quota.
      `CREATE TABLE file_uploads (
        sha256 text NOT NULL REFERENCES files (sha256) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        uploaded_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, sha256)
      )`,
      'CREATE INDEX file_uploads_sha256 ON file_uploads (sha256)',
      `INSERT INTO file_uploads (sha256, user_id, uploaded_at)
         SELECT sha256, uploaded_by, created_at FROM files WHERE uploaded_by IS NOT NULL`,
      // Set when something published first references the file: from then on every reader may fetch it.
      'ALTER TABLE files ADD COLUMN published_at timestamptz',
      // The last time anyone uploaded it: the collector leaves recent uploads alone.
      'ALTER TABLE files ADD COLUMN touched_at timestamptz NOT NULL DEFAULT now()',
      'UPDATE files SET touched_at = created_at',
      `UPDATE files SET published_at = now()
        WHERE uploaded_by IS NULL
           OR sha256 IN (
             SELECT jsonb_array_elements_text(data->'attachments') FROM entities
              WHERE type = 'post' AND NOT deleted AND jsonb_typeof(data->'attachments') = 'array'
             UNION
             SELECT v->>'sha256' FROM entities, jsonb_array_elements(data->'variants') v
              WHERE type = 'document' AND NOT deleted AND jsonb_typeof(data->'variants') = 'array')`,
    ],
  },
  {
    version: 7,
    name: 'venue kit',
    statements: [
      // A device id belongs to one user and one key for ever: a write it signed can only ever be that user's.
      `CREATE TABLE venue_devices (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        public_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`,
      'CREATE INDEX venue_devices_user ON venue_devices (user_id)',
      `CREATE TABLE venue_packs (
        id uuid PRIMARY KEY,
        collection_id uuid NOT NULL,
        epoch text NOT NULL,
        cursor_seq bigint NOT NULL,
        base_id uuid REFERENCES venue_packs (id) ON DELETE SET NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      // What each pack holds, at which version: a delta is cut against it, and a pull skips it.
      `CREATE TABLE venue_pack_entities (
        pack_id uuid NOT NULL REFERENCES venue_packs (id) ON DELETE CASCADE,
        type text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (pack_id, type, id)
      )`,
      'CREATE INDEX venue_pack_entities_entity ON venue_pack_entities (type, id, version)',
      `CREATE TABLE venue_pack_files (
        pack_id uuid NOT NULL REFERENCES venue_packs (id) ON DELETE CASCADE,
        sha256 text NOT NULL,
        PRIMARY KEY (pack_id, sha256)
      )`,
    ],
  },
  {
    version: 8,
    name: 'entities for their owner alone',
    statements: [
      // 'owner': sent only to the user who owns it (what they follow), never to anyone else, moderators included.
      'ALTER TABLE entities DROP CONSTRAINT entities_audience_check',
      `ALTER TABLE entities ADD CONSTRAINT entities_audience_check
         CHECK (audience IN ('all', 'moderators', 'owner') AND (audience <> 'owner' OR owner_id IS NOT NULL))`,
    ],
  },
  {
    version: 9,
    name: 'news in several languages, reports',
    statements: [
      // Unpublished news reach only news publishers; a report only its reporter and the moderators.
      'ALTER TABLE entities DROP CONSTRAINT entities_audience_check',
      `ALTER TABLE entities ADD CONSTRAINT entities_audience_check
         CHECK (audience IN ('all', 'moderators', 'news-publishers', 'owner-and-moderators', 'owner')
                AND (audience <> 'owner' OR owner_id IS NOT NULL))`,
      // A news item held one language; it now holds versions by language, and has an author, a creation
      // and an edit time, and a pin. Each is sent again (a new version and place in the feed) in its new form.
      `WITH target AS (SELECT id FROM entities WHERE type = 'news' AND NOT deleted AND data ? 'language' ORDER BY seq)
       UPDATE entities e SET
         version = e.version + 1,
         seq = nextval('change_seq'),
         data = jsonb_build_object(
           'id', e.data->'id',
           'authorId', null,
           'versions', jsonb_build_object(e.data->>'language',
             jsonb_build_object('title', e.data->'title', 'body', e.data->'body')),
           'createdAt', e.data->'publishedAt',
           'editedAt', null,
           'publishedAt', e.data->'publishedAt',
           'pinnedAt', null),
         updated_at = now()
       FROM target WHERE e.type = 'news' AND e.id = target.id`,
    ],
  },
  {
    version: 10,
    name: 'invitations and unique display names',
    statements: [
      // An invited account has no password until its invitee chooses one.
      'ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL',
      // What display names are compared by (displayNameKey: NFKC, invisible characters out, lower case); the
      // server writes it with each name. Existing names get SQL's nearest reading of the same rule.
      'ALTER TABLE users ADD COLUMN display_key text',
      `UPDATE users SET display_key = lower(normalize(
         regexp_replace(display_name, '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u180E]', '', 'g'),
         NFKC))`,
      // Names already shared keep the oldest account's as it is; the others get a number, in the feed too.
      `WITH ranked AS (
         SELECT id, row_number() OVER (PARTITION BY display_key ORDER BY created_at, id) AS n FROM users)
       UPDATE users u SET display_name = u.display_name || ' (' || r.n || ')',
                          display_key = u.display_key || ' (' || r.n || ')'
         FROM ranked r WHERE r.id = u.id AND r.n > 1`,
      `UPDATE entities e
          SET data = jsonb_set(e.data, '{displayName}', to_jsonb(u.display_name)),
              version = e.version + 1, seq = nextval('change_seq'), updated_at = now()
         FROM users u
        WHERE e.type = 'user' AND e.id = u.id AND NOT e.deleted AND e.data->>'displayName' <> u.display_name`,
      'ALTER TABLE users ALTER COLUMN display_key SET NOT NULL',
      'CREATE UNIQUE INDEX users_display_key ON users (display_key)',
      // One-time codes, kept only as their sha256; a code works once, before it expires.
      `CREATE TABLE invitations (
        code_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`,
      'CREATE INDEX invitations_user ON invitations (user_id)',
    ],
  },
  {
    version: 11,
    name: 'display keys computed by one definition',
    // The unique index goes while keys are rewritten one by one (two may swap), and comes back over all of them.
    statements: ['DROP INDEX users_display_key'],
    run: async (db) => {
      await recomputeDisplayKeys(db);
      await db.query('CREATE UNIQUE INDEX users_display_key ON users (display_key)');
    },
  },
];

/** Serializes migrations across server instances that start together. */
const MIGRATION_LOCK = 727_001;

export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await db.pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const doneVersions = new Set(done.rows.map((row) => row.version));
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (doneVersions.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        for (const statement of migration.statements) await client.query(statement);
        await migration.run?.(client);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
        applied.push(migration.version);
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.version} (${migration.name}) failed`, { cause: error });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
