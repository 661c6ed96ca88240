import type { CollectiveBrainDb } from '../../src/renderer/src/data/db';

/**
 * Counts the rows read by key (DBCore `getMany`), per table, from now on. At
 * `level` below the app's own middlewares (the change feed is at 0), reads
 * that those make count too.
 */
export function countReads(db: CollectiveBrainDb, level?: number): Map<string, number> {
  const reads = new Map<string, number>();
  db.use({
    stack: 'dbcore',
    name: 'count-reads',
    ...(level !== undefined ? { level } : {}),
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          getMany: (req) => {
            reads.set(name, (reads.get(name) ?? 0) + req.keys.length);
            return table.getMany(req);
          },
        };
      },
    }),
  });
  return reads;
}
