import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UploadQueue, type QueueEntry } from '../../src/main/services/uploads/upload-queue';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function folder(): Promise<string> {
  const { dir, cleanup } = await makeTempDir('cb-upload-queue-');
  cleanups.push(cleanup);
  return dir;
}

const DAY = 24 * 3_600_000;
const NOW = Date.parse('2026-11-22T12:00:00.000Z');

function entry(sha: string, patch: Partial<QueueEntry> = {}): QueueEntry {
  return {
    sha256: sha.repeat(64),
    name: `${sha}.pdf`,
    mime: 'application/pdf',
    size: 10,
    status: 'queued',
    addedAt: new Date(NOW - 60 * DAY).toISOString(),
    ...patch,
  };
}

describe('the upload queue file', () => {
  it('round-trips through the disk, and forgets finished uploads after 30 days but never waiting ones', async () => {
    const dir = await folder();
    const { queue } = await UploadQueue.open(dir, NOW);
    queue.set(entry('a'));
    queue.set(entry('b', { status: 'uploaded', uploadedAt: new Date(NOW - 31 * DAY).toISOString() }));
    queue.set(entry('c', { status: 'uploaded', uploadedAt: new Date(NOW - 2 * DAY).toISOString() }));
    queue.set(entry('d', { status: 'failed', error: { code: 'forbidden', message: 'no' } }));
    await queue.save();

    const { queue: again, report } = await UploadQueue.open(dir, NOW);
    expect(report).toEqual({});
    expect(again.list().map((e) => [e.name, e.status])).toEqual([
      ['a.pdf', 'queued'],
      ['c.pdf', 'uploaded'],
      ['d.pdf', 'failed'],
    ]);
    expect(again.get('d'.repeat(64))?.error).toEqual({ code: 'forbidden', message: 'no' });
    // No temp files left behind by the atomic writes.
    expect(await readdir(dir)).toEqual(['queue.json']);
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['another version', '{"version":2,"uploads":[]}'],
    ['a bad entry', JSON.stringify({ version: 1, uploads: [{ ...entry('a'), status: 'uploading' }] })],
    ['a bad hash', JSON.stringify({ version: 1, uploads: [{ ...entry('a'), sha256: '../../etc/passwd' }] })],
  ])('sets a file with %s aside, never overwriting it, and starts empty', async (_label, text) => {
    const dir = await folder();
    await writeFile(join(dir, 'queue.json'), text);
    const { queue, report } = await UploadQueue.open(dir, NOW);
    expect(queue.list()).toEqual([]);
    expect(report.setAside).toMatch(/queue\.corrupt-2026-11-22T12-00-00-000Z\.json$/u);
    expect(await readFile(report.setAside ?? '', 'utf8')).toBe(text);
    expect(JSON.parse(await readFile(join(dir, 'queue.json'), 'utf8'))).toEqual({ version: 1, uploads: [] });
  });
});
