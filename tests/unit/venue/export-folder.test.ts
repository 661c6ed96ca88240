import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExportFolder } from '../../../src/main/services/venue/folders';

describe('the folder an export is written to', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cb-export-folder-'));
    await writeFile(join(dir, 'a-file'), 'x');
  });
  afterAll(async () => {
    await chmod(dir, 0o700);
    await rm(dir, { recursive: true, force: true });
  });

  it('takes an existing folder, or a missing one under a writable folder, normalized', async () => {
    expect(await checkExportFolder(`${dir}/`)).toBe(`${dir}/`);
    expect(await checkExportFolder(`  ${dir}/usb/../usb/academy  `)).toBe(join(dir, 'usb', 'academy'));
  });

  it('refuses a relative path, a file and a path through a file, with folder-invalid', async () => {
    for (const path of ['exports', './exports', '~/exports', join(dir, 'a-file'), join(dir, 'a-file', 'inside')]) {
      await expect(checkExportFolder(path)).rejects.toMatchObject({ code: 'folder-invalid' });
    }
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder this user may not write in', async () => {
    const locked = await mkdtemp(join(dir, 'locked-'));
    await chmod(locked, 0o500);
    await expect(checkExportFolder(join(locked, 'pack'))).rejects.toMatchObject({ code: 'folder-invalid' });
    await chmod(locked, 0o700);
  });
});
