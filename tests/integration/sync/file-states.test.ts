import { describe, expect, it } from 'vitest';
import { mirrorFileStates } from '../../../src/renderer/src/data/file-states';
import { signInAndSync, useSyncTestbed } from '../../support/sync-client';

const testbed = useSyncTestbed();

describe('what is on this computer, after a restart', () => {
  it('shows a document downloaded in an earlier run as available offline', async () => {
    const before = await testbed.client();
    await signInAndSync(before, 'participant@example.org');
    const document = (await before.db.documents.toArray()).find((d) => d.variants.length > 0);
    const variant = document?.variants[0];
    if (variant === undefined) throw new Error('no document with a file in the demo');
    const queued = await before.api.files.download({
      items: [{ sha256: variant.sha256, size: variant.size, mime: variant.mime }],
    });
    expect(queued.ok).toBe(true);
    await expect
      .poll(async () => {
        const states = await before.api.files.states();
        return states.ok ? states.value.find((s) => s.sha256 === variant.sha256)?.status : undefined;
      })
      .toBe('done');
    await before.close();

    // The app starts again: new main services on the same profile, a renderer with an empty files table.
    const after = await testbed.client({ profileDir: before.profileDir });
    expect(await after.db.files.count()).toBe(0);
    // Main knows it (the document screen asks main), and so does the renderer's mirror.
    const states = await after.api.files.states();
    expect(states.ok && states.value.find((s) => s.sha256 === variant.sha256)?.status).toBe('done');
    const stop = mirrorFileStates(after.api, after.db);
    testbed.onCleanup(stop);
    await expect.poll(async () => (await after.db.files.get(variant.sha256))?.status).toBe('done');
    const url = await after.api.files.url({ sha256: variant.sha256 });
    expect(url.ok && url.value !== null).toBe(true);
  });
});
