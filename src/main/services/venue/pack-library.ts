import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  PACK_MANIFEST_FILE,
  PACK_SIGNATURE_FILE,
  PackManifestSchema,
  PackRowsSchema,
  packBytes,
  type PackManifest,
  type PackRows,
} from '../../../shared/venue/pack';
import { AppError } from '../../../shared/result';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/json-file';
import { sha256Of } from './pack-files';

export const PackStateSchema = z.enum(['cut', 'importing', 'imported']);
export type PackState = z.infer<typeof PackStateSchema>;

const PackRecordSchema = z.strictObject({
  state: PackStateSchema,
  /** Who imported it here (packs are read into one account's cache). */
  userId: z.string().nullable(),
  at: z.string(),
});

export interface HeldPack {
  readonly manifest: PackManifest;
  readonly state: PackState;
  readonly userId: string | null;
  readonly bytes: number;
}

/**
 * The packs this computer holds (cut here, imported, or received from a
 * venue host): each pack's signed manifest, its signature and its rows, in
 * `<userData>/venue/packs/<packId>/`. Their files live in the document store.
 * A pack's folder appears whole or not at all (written aside, then renamed).
 */
export class PackLibrary {
  constructor(readonly root: string) {}

  dirOf(packId: string): string {
    if (!/^[0-9a-f-]{36}$/u.test(packId)) throw new AppError('invalid-arguments', 'Not a pack id.');
    return join(this.root, packId);
  }

  /** Stores a verified manifest, its signature and its rows texts (each checked against the manifest). */
  async add(
    manifestText: string,
    signature: string,
    manifest: PackManifest,
    rows: readonly string[],
    record: { state: PackState; userId: string | null },
  ): Promise<void> {
    const dir = this.dirOf(manifest.packId);
    const aside = `${dir}.partial`;
    await rm(aside, { recursive: true, force: true });
    await mkdir(join(aside, 'rows'), { recursive: true });
    for (const [index, entry] of manifest.rows.entries()) {
      const text = rows[index];
      if (text === undefined || sha256Of(text) !== entry.sha256) {
        await rm(aside, { recursive: true, force: true });
        throw new AppError('pack-tampered', `The pack's rows file ${entry.path} is not the one the server signed.`);
      }
      await writeFile(join(aside, entry.path), text);
    }
    await writeFile(join(aside, PACK_MANIFEST_FILE), manifestText);
    await writeFile(join(aside, PACK_SIGNATURE_FILE), signature);
    await writeFile(join(aside, 'state.json'), JSON.stringify({ ...record, at: new Date().toISOString() }));
    await rm(dir, { recursive: true, force: true });
    await rename(aside, dir);
  }

  async setState(packId: string, state: PackState, userId: string | null): Promise<void> {
    await writeFileAtomic(
      join(this.dirOf(packId), 'state.json'),
      JSON.stringify({ state, userId, at: new Date().toISOString() }),
    );
  }

  async get(packId: string): Promise<HeldPack | undefined> {
    const dir = this.dirOf(packId);
    const manifest = await readJsonFile(join(dir, PACK_MANIFEST_FILE), PackManifestSchema).catch(() => undefined);
    const record = await readJsonFile(join(dir, 'state.json'), PackRecordSchema).catch(() => undefined);
    if (manifest?.kind !== 'loaded' || record?.kind !== 'loaded') return undefined;
    return {
      manifest: manifest.value,
      state: record.value.state,
      userId: record.value.userId,
      bytes: packBytes(manifest.value),
    };
  }

  async list(): Promise<HeldPack[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const packs: HeldPack[] = [];
    for (const name of names) {
      if (!/^[0-9a-f-]{36}$/u.test(name)) continue;
      const pack = await this.get(name);
      if (pack !== undefined) packs.push(pack);
    }
    return packs.sort((a, b) => b.manifest.cutAt.localeCompare(a.manifest.cutAt));
  }

  /** The signed manifest text and signature, as they travel. */
  async signed(packId: string): Promise<{ manifestText: string; signature: string }> {
    const dir = this.dirOf(packId);
    return {
      manifestText: await readFile(join(dir, PACK_MANIFEST_FILE), 'utf8'),
      signature: await readFile(join(dir, PACK_SIGNATURE_FILE), 'utf8'),
    };
  }

  /** One rows file, checked against the manifest again (the disk may have changed since) and validated. */
  async rows(packId: string, index: number): Promise<PackRows> {
    const pack = await this.get(packId);
    const entry = pack?.manifest.rows[index];
    if (pack === undefined || entry === undefined) throw new AppError('not-found', 'No such rows file in this pack.');
    const text = await readFile(join(this.dirOf(packId), entry.path), 'utf8');
    if (sha256Of(text) !== entry.sha256) {
      throw new AppError('pack-tampered', `The pack's rows file ${entry.path} changed on this computer.`);
    }
    const parsed = PackRowsSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new AppError('pack-unreadable', `The rows file ${entry.path} is not valid.`);
    return parsed.data;
  }

  async rowsText(packId: string, path: string): Promise<string> {
    return readFile(join(this.dirOf(packId), path), 'utf8');
  }
}
