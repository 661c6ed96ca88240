import type { PoolClient } from 'pg';
import {
  ENTITY_SCHEMAS,
  hasCapability,
  type Capability,
  type EntityByType,
  type EntityState,
  type EntityType,
  type MutationArgs,
  type MutationName,
  type RejectionCode,
} from '../../src/shared/wire';
import type { AuthenticatedUser } from '../auth/sessions';
import type { ServerContext } from '../context';
import { mayRead, readerOf } from './audience';
import { putEntity, readEntity, type EntityMeta, type StoredEntity } from './feed';

/** What a mutation handler sees: one transaction, the acting user, the time. */
export interface MutationContext {
  readonly ctx: ServerContext;
  readonly db: PoolClient;
  readonly user: AuthenticatedUser;
  readonly now: Date;
}

export type Outcome =
  | { readonly status: 'applied'; readonly version: number }
  | { readonly status: 'conflict'; readonly current: EntityState };

export type MutationHandler<N extends MutationName> = (
  m: MutationContext,
  args: MutationArgs<N>,
  baseVersion: number | undefined,
) => Promise<Outcome>;

export type MutationHandlers = { readonly [N in MutationName]: MutationHandler<N> };

/** Thrown by a handler to refuse a mutation; its writes are rolled back. */
export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

export function requireCapability(m: MutationContext, capability: Capability): void {
  if (!hasCapability(m.user.roles, capability)) {
    throw new Rejection('forbidden', `Your role does not allow this (${capability}).`);
  }
}

export function canModerate(m: MutationContext): boolean {
  return hasCapability(m.user.roles, 'forum.moderate');
}

export interface Live<T extends EntityType> extends StoredEntity {
  readonly type: T;
  readonly data: EntityByType[T];
}

/** Reads an entity the user may see, or rejects with `not-found`. */
export async function loadVisible<T extends EntityType>(m: MutationContext, type: T, id: string): Promise<Live<T>> {
  const entity = await readEntity(m.db, type, id);
  if (entity === undefined || entity.deleted || !mayRead(readerOf(m.user), entity.audience, entity.ownerId)) {
    throw new Rejection('not-found', `No ${type} ${id}.`);
  }
  return entity as Live<T>;
}

export async function assertNew(m: MutationContext, type: EntityType, id: string): Promise<void> {
  if ((await readEntity(m.db, type, id)) !== undefined) {
    throw new Rejection('already-exists', `A ${type} with id ${id} already exists.`);
  }
}

/** A conflict outcome when the user edited an older version than the server's. */
export function conflictIfStale(entity: StoredEntity, baseVersion: number | undefined): Outcome | undefined {
  if (baseVersion === undefined || baseVersion === entity.version) return undefined;
  return {
    status: 'conflict',
    current: { type: entity.type, id: entity.id, version: entity.version, deleted: entity.deleted, data: entity.data },
  };
}

/** Validates the new state against the wire schema, then writes it to the feed. */
export async function write<T extends EntityType>(
  m: MutationContext,
  type: T,
  data: EntityByType[T],
  meta: EntityMeta,
): Promise<Outcome> {
  const parsed = ENTITY_SCHEMAS[type].safeParse(data);
  if (!parsed.success) {
    throw new Rejection('invalid', parsed.error.issues[0]?.message ?? 'invalid entity');
  }
  const { version } = await putEntity(m.db, type, data.id, parsed.data, meta, m.now);
  return { status: 'applied', version };
}
