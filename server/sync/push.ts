import {
  findUnstorableText,
  isMutationName,
  parseMutationArgs,
  toStorableText,
  UNSTORABLE_MESSAGE,
  type Mutation,
  type MutationArgs,
  type MutationName,
  type MutationResult,
  type PushRequest,
} from '../../src/shared/wire';
import type { AuthenticatedUser } from '../auth/sessions';
import type { ServerContext } from '../context';
import { announceChanges, lockFeed } from './feed';
import { followMutations } from './follow-mutations';
import { forumMutations } from './forum-mutations';
import { libraryMutations } from './library-mutations';
import { newsMutations } from './news-mutations';
import { reportMutations } from './report-mutations';
import {
  Rejection,
  type MutationContext,
  type MutationHandler,
  type MutationHandlers,
  type Outcome,
} from './mutation-kit';
import { translationMutations } from './translation-mutations';
import { userMutations } from './user-mutations';

export const MUTATION_HANDLERS: MutationHandlers = {
  ...forumMutations,
  ...libraryMutations,
  ...newsMutations,
  ...reportMutations,
  ...translationMutations,
  ...userMutations,
  ...followMutations,
};

async function run(m: MutationContext, mutation: Mutation): Promise<Outcome> {
  if (!isMutationName(mutation.name)) throw new Rejection('unknown-mutation', `No mutation named ${mutation.name}.`);
  // Before any schema: text PostgreSQL cannot store (NUL, an unpaired surrogate) is refused wherever it sits.
  const unstorable = findUnstorableText(mutation.args, ['args']);
  if (unstorable !== null) throw new Rejection('invalid', `${unstorable}: ${UNSTORABLE_MESSAGE}`);
  const parsed = parseMutationArgs(mutation.name, mutation.args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Rejection('invalid', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid arguments'}`);
  }
  return handle(m, mutation.name, parsed.data, mutation.baseVersion);
}

/** The schema and the handler are looked up by the same name N: its arguments reach its handler typed. */
function handle<N extends MutationName>(
  m: MutationContext,
  name: N,
  args: MutationArgs<N>,
  baseVersion: number | undefined,
): Promise<Outcome> {
  const handler: MutationHandler<N> = MUTATION_HANDLERS[name];
  return handler(m, args, baseVersion);
}

function toResult(id: string, outcome: Outcome): MutationResult {
  return outcome.status === 'applied'
    ? { id, status: 'applied', version: outcome.version }
    : { id, status: 'conflict', current: outcome.current };
}

/**
 * Applies one mutation exactly once. Its dedupe key (user, client, id) is
 * written in the same transaction as its effects and its result, so a replay
 * (after a lost response, or concurrently) returns the first result.
 */
async function applyOnce(
  ctx: ServerContext,
  user: AuthenticatedUser,
  clientId: string,
  mutation: Mutation,
): Promise<MutationResult> {
  return ctx.db.transaction(async (db) => {
    await lockFeed(db);
    const fresh = await db.query(
      `INSERT INTO applied_mutations (user_id, client_id, mutation_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [user.id, clientId, mutation.id],
    );
    if (fresh.rowCount === 0) {
      const stored = await db.query<{ result: MutationResult }>(
        'SELECT result FROM applied_mutations WHERE user_id = $1 AND client_id = $2 AND mutation_id = $3',
        [user.id, clientId, mutation.id],
      );
      const first = stored.rows[0]?.result;
      if (first === undefined) throw new Error('a recorded mutation has no result');
      return first;
    }
    await db.query('SAVEPOINT mutation');
    let result: MutationResult;
    try {
      result = toResult(mutation.id, await run({ ctx, db, user, now: ctx.now() }, mutation));
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      await db.query('ROLLBACK TO SAVEPOINT mutation');
      // The message may quote the user's input (a field's name, a mutation's): it is stored as jsonb.
      result = { id: mutation.id, status: 'rejected', code: error.code, message: toStorableText(error.message) };
    }
    await db.query(
      'UPDATE applied_mutations SET result = $4 WHERE user_id = $1 AND client_id = $2 AND mutation_id = $3',
      [user.id, clientId, mutation.id, JSON.stringify(result)],
    );
    if (result.status === 'applied') await announceChanges(db);
    return result;
  });
}

/** Applies a batch in order; each mutation commits on its own. */
export async function push(
  ctx: ServerContext,
  user: AuthenticatedUser,
  request: PushRequest,
): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  for (const mutation of request.mutations) results.push(await applyOnce(ctx, user, request.clientId, mutation));
  return results;
}
