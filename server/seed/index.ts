import type { ServerContext } from '../context';
import { announceChanges, lockFeed } from '../sync/feed';
import { seedDemo } from './demo';
import { seedSynthetic } from './synthetic';
import { seedId } from './writer';

export type SeedName = 'demo' | `synthetic:${number}`;

export function parseSeedName(value: string): SeedName | undefined {
  if (value === 'demo') return 'demo';
  const match = /^synthetic:(\d{1,7})$/u.exec(value);
  return match === null ? undefined : `synthetic:${Number(match[1])}`;
}

/** Seeds once: a database that already holds this seed is left as it is. */
export async function runSeed(ctx: ServerContext, seed: SeedName): Promise<boolean> {
  return ctx.db.transaction(async (db) => {
    await lockFeed(db);
    const marker = seed === 'demo' ? seedId('demo:user:admin') : seedId('synthetic:user:0');
    const existing = await db.query('SELECT 1 FROM users WHERE id = $1', [marker]);
    if (existing.rowCount !== 0) return false;
    if (seed === 'demo') await seedDemo(ctx, db);
    else await seedSynthetic(ctx, db, Number(seed.slice('synthetic:'.length)));
    await announceChanges(db);
    return true;
  });
}
