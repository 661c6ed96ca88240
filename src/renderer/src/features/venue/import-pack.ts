import type { Api } from '../../../../shared/contract';
import type { PackSummary } from '../../../../shared/venue/contract-types';
import { AppError } from '../../../../shared/result';
import { applySnapshot } from '../../data/apply-page';
import type { CollectiveBrainDb } from '../../data/db';
import { rememberPack } from '../../data/venue-packs';

export type ImportStep = { phase: 'files' } | { phase: 'rows'; done: number; total: number } | { phase: 'done' };

/**
 * Imports an edition pack into this account's cache: main copies and
 * verifies the files, then each rows file is applied through the pull's own
 * apply path (version checks, thread counts, the outbox laid back on top), one
 * transaction per file. The pack is recorded as imported only after its last
 * rows file committed; an interrupted import is simply run again (a rows file
 * applied twice changes nothing), so an edition is never half-imported and
 * marked complete. The search index follows the commits by itself.
 */
export async function importPack(
  api: Pick<Api, 'venue'>,
  db: CollectiveBrainDb,
  path: string,
  onStep: (step: ImportStep) => void = () => undefined,
): Promise<PackSummary> {
  onStep({ phase: 'files' });
  const summary = unwrap(await api.venue.importFiles({ path }));
  for (let index = 0; index < summary.rowsFiles; index += 1) {
    onStep({ phase: 'rows', done: index, total: summary.rowsFiles });
    const rows = unwrap(await api.venue.packRows({ packId: summary.packId, index }));
    await applySnapshot(db, rows.changes);
  }
  await rememberPack(db, summary.packId);
  const done = unwrap(await api.venue.completeImport({ packId: summary.packId }));
  onStep({ phase: 'done' });
  return done;
}

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: AppError['code']; message: string } },
): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value;
}
