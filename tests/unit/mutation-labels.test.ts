import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES } from '../../src/shared/wire/mutations';

/**
 * The Sync center names every write waiting in the outbox (and every refused one) by its mutation: a new
 * mutation needs its label, in English here and, by the parity test, in every UI language.
 */
describe('the Sync center’s names of writes', () => {
  it('has one for every mutation', () => {
    const sync = JSON.parse(readFileSync(join(process.cwd(), 'src/renderer/src/locales/en/sync.json'), 'utf8')) as {
      mutation: Record<string, unknown>;
    };
    const missing = MUTATION_NAMES.filter((name) => typeof sync.mutation[name] !== 'string');
    expect(missing).toEqual([]);
  });
});
