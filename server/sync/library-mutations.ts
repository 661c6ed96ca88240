import {
  newCollection,
  newDocument,
  newMaterial,
  newSession,
  updatedMaterial,
  withChanges,
  type DocumentVariant,
  type Material,
} from '../../src/shared/wire';
import { publishFiles, referenceableFiles } from '../files/access';
import { childIds, deleteEntity } from './feed';
import {
  assertNew,
  conflictIfStale,
  loadVisible,
  Rejection,
  requireCapability,
  write,
  type MutationContext,
  type MutationHandlers,
  type Outcome,
} from './mutation-kit';

type LibraryHandlers = Pick<
  MutationHandlers,
  | 'collection.create'
  | 'collection.update'
  | 'collection.delete'
  | 'session.create'
  | 'session.update'
  | 'session.delete'
  | 'material.create'
  | 'material.update'
  | 'material.delete'
  | 'document.create'
  | 'document.update'
>;

/** A material that points to a library document needs one the user may see. */
async function checkedMaterial(m: MutationContext, material: Material): Promise<Material> {
  if (material.kind === 'document') await loadVisible(m, 'document', material.documentId);
  return material;
}

async function removeTree(m: MutationContext, sessionId: string): Promise<void> {
  for (const materialId of await childIds(m.db, 'material', sessionId)) {
    await deleteEntity(m.db, 'material', materialId, m.now);
  }
  await deleteEntity(m.db, 'session', sessionId, m.now);
}

async function variantsWithFiles(
  m: MutationContext,
  variants: readonly { language: DocumentVariant['language']; sha256: string }[],
): Promise<DocumentVariant[]> {
  const shas = variants.map((variant) => variant.sha256);
  // Only published files, or this facilitator's own uploads: nobody publishes someone else's unpublished file.
  const found = await referenceableFiles(m.db, m.user.id, shas);
  const byHash = new Map((found ?? []).map((row) => [row.sha256, row]));
  const resolved = variants.map((variant) => {
    const file = byHash.get(variant.sha256);
    if (file === undefined) throw new Rejection('file-missing', `Upload ${variant.sha256} first.`);
    return { language: variant.language, sha256: file.sha256, size: file.size, mime: file.mime };
  });
  await publishFiles(m.db, shas, m.now);
  return resolved;
}

async function afterDelete(work: Promise<unknown>, version: number): Promise<Outcome> {
  await work;
  return { status: 'applied', version: version + 1 };
}

export const libraryMutations: LibraryHandlers = {
  async 'collection.create'(m, args) {
    requireCapability(m, 'library.write');
    await assertNew(m, 'collection', args.id);
    return write(m, 'collection', newCollection(args), {});
  },
  async 'collection.update'(m, args, baseVersion) {
    requireCapability(m, 'library.write');
    const current = await loadVisible(m, 'collection', args.id);
    return conflictIfStale(current, baseVersion) ?? write(m, 'collection', withChanges(current.data, args), {});
  },
  async 'collection.delete'(m, args, baseVersion) {
    requireCapability(m, 'library.write');
    const current = await loadVisible(m, 'collection', args.id);
    const stale = conflictIfStale(current, baseVersion);
    if (stale !== undefined) return stale;
    for (const sessionId of await childIds(m.db, 'session', current.id)) await removeTree(m, sessionId);
    return afterDelete(deleteEntity(m.db, 'collection', current.id, m.now), current.version);
  },

  async 'session.create'(m, args) {
    requireCapability(m, 'library.write');
    await loadVisible(m, 'collection', args.collectionId);
    await assertNew(m, 'session', args.id);
    return write(m, 'session', newSession(args), { parentId: args.collectionId });
  },
  async 'session.update'(m, args, baseVersion) {
    requireCapability(m, 'library.write');
    const current = await loadVisible(m, 'session', args.id);
    return (
      conflictIfStale(current, baseVersion) ??
      write(m, 'session', withChanges(current.data, args), { parentId: current.data.collectionId })
    );
  },
  async 'session.delete'(m, args, baseVersion) {
    requireCapability(m, 'library.write');
    const current = await loadVisible(m, 'session', args.id);
    const stale = conflictIfStale(current, baseVersion);
    if (stale !== undefined) return stale;
    return afterDelete(removeTree(m, current.id), current.version);
  },

  async 'material.create'(m, args) {
    requireCapability(m, 'library.write');
    await loadVisible(m, 'session', args.sessionId);
    await assertNew(m, 'material', args.id);
    const material = await checkedMaterial(m, newMaterial(args));
    return write(m, 'material', material, { parentId: args.sessionId });
  },
  async 'material.update'(m, args, baseVersion) {
    requireCapability(m, 'library.write');
    const current = await loadVisible(m, 'material', args.id);
    const stale = conflictIfStale(current, baseVersion);
    if (stale !== undefined) return stale;
    const material = await checkedMaterial(m, updatedMaterial(current.data, args));
    return write(m, 'material', material, { parentId: current.data.sessionId });
  },
  async 'material.delete'(m, args, baseVersion) {
    requireCapability(m, 'library.write');
    const current = await loadVisible(m, 'material', args.id);
    const stale = conflictIfStale(current, baseVersion);
    if (stale !== undefined) return stale;
    return afterDelete(deleteEntity(m.db, 'material', current.id, m.now), current.version);
  },

  async 'document.create'(m, args) {
    requireCapability(m, 'library.write');
    await assertNew(m, 'document', args.id);
    const variants = await variantsWithFiles(m, args.variants);
    return write(m, 'document', newDocument(args, variants, m.now.toISOString()), { ownerId: m.user.id });
  },
  async 'document.update'(m, args, baseVersion) {
    requireCapability(m, 'library.write');
    const current = await loadVisible(m, 'document', args.id);
    return (
      conflictIfStale(current, baseVersion) ??
      write(m, 'document', withChanges(current.data, args), { ownerId: current.ownerId })
    );
  },
};
