import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DownloadManager } from '../../../src/main/services/downloads';
import { LanChannel } from '../../../src/main/services/venue/lan-crypto';
import { LanHost, MAX_PAIRING_ATTEMPTS } from '../../../src/main/services/venue/lan-host';
import { LanPeer } from '../../../src/main/services/venue/lan-peer';
import { PackLibrary } from '../../../src/main/services/venue/pack-library';
import { RelayBox } from '../../../src/main/services/venue/relay-box';
import { normalizeCode, passwordScalar, Spake2 } from '../../../src/main/services/venue/spake2';
import { AppError } from '../../../src/shared/result';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function startHost(): Promise<LanHost> {
  const dir = await mkdtemp(join(tmpdir(), 'cb-venue-host-'));
  dirs.push(dir);
  return LanHost.start({
    library: new PackLibrary(join(dir, 'packs')),
    downloads: { pathOf: () => undefined } as unknown as DownloadManager,
    relay: await RelayBox.open(dir),
    name: () => 'Host',
    // Loopback only: tests never reach another address.
    bind: '127.0.0.1',
    onChange: () => undefined,
    onDropped: () => undefined,
  });
}

async function codeOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('SPAKE2 pairing', () => {
  it('gives both sides the same key with the same code, and confirmations that fail with another code', () => {
    const w = passwordScalar('ABCD-EFGH');
    const a = new Spake2('A', w);
    const b = new Spake2('B', w);
    const keysA = a.finish(b.share);
    const keysB = b.finish(a.share);
    expect(keysA.ke.equals(keysB.ke)).toBe(true);
    expect(keysA.verifyPeer(keysB.confirmation)).toBe(true);
    expect(keysB.verifyPeer(keysA.confirmation)).toBe(true);

    const wrong = new Spake2('A', passwordScalar('ABCD-EFGJ'));
    const wrongKeys = wrong.finish(b.share);
    const hostKeys = new Spake2('B', w).finish(wrong.share);
    expect(wrongKeys.verifyPeer(hostKeys.confirmation)).toBe(false);
    expect(hostKeys.verifyPeer(wrongKeys.confirmation)).toBe(false);
  });

  it('reads codes as people type them', () => {
    expect(normalizeCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(normalizeCode('O1LI')).toBe('0111');
    expect(passwordScalar('abcd efgh')).toBe(passwordScalar('ABCD-EFGH'));
  });

  it('refuses a replayed, altered or reflected frame', () => {
    const ke = Buffer.alloc(16, 7);
    const peer = new LanChannel('AAAAAAAAAAAAAAAAAAAAAA', ke, 'peer-to-host');
    const host = new LanChannel('AAAAAAAAAAAAAAAAAAAAAA', ke, 'host-to-peer');
    const frame = peer.seal({ method: 'hello' });
    expect(host.open(frame)).toEqual({ method: 'hello' });
    expect(host.open(frame)).toBeUndefined();
    const next = peer.seal({ method: 'hello' });
    const altered = { ...next, data: `${next.data.slice(0, -2)}AA` };
    expect(host.open(altered)).toBeUndefined();
    expect(peer.open(peer.seal({ method: 'hello' }))).toBeUndefined();
  });
});

describe('the venue host', () => {
  it('pairs with the code on its screen, refuses another, and makes a new code after too many tries', async () => {
    const host = await startHost();
    try {
      const address = host.state().addresses[0] ?? '';
      const code = host.state().code;
      const peer = await LanPeer.connect(fetch, address, code, 'Laptop A');
      expect((await peer.hello()).hostName).toBe('Host');
      expect(await codeOf(LanPeer.connect(fetch, address, 'ZZZZ-ZZZZ', 'Mallory'))).toBe('pairing-refused');
      const outcomes: string[] = [];
      for (let i = 0; i < MAX_PAIRING_ATTEMPTS + 1; i += 1) {
        outcomes.push(await codeOf(LanPeer.connect(fetch, address, 'ZZZZ-ZZZZ', 'Mallory')));
      }
      expect(outcomes).toContain('pairing-locked');
      expect(host.state().code).not.toBe(code);
      // The old code no longer pairs; the session paired before still works.
      expect(await codeOf(LanPeer.connect(fetch, address, code, 'Laptop B'))).toBe('pairing-refused');
      expect((await peer.hello()).packs).toEqual([]);
      // Without a session nothing answers.
      const bare = await fetch(`http://${address}/venue/v1/call`, {
        method: 'POST',
        body: JSON.stringify({ session: 'AAAAAAAAAAAAAAAAAAAAAA', seq: 1, iv: 'AAAAAAAAAAAAAAAA', data: 'AA' }),
      });
      expect(bare.status).toBe(401);
    } finally {
      await host.close();
    }
  });
});
