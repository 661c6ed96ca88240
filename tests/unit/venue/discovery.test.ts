import { Bonjour } from 'bonjour-service';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VenueDiscovery } from '../../../src/main/services/venue/discovery';
import { discoveredHost } from '../../../src/shared/venue/discovery';
import { MdnsBus } from '../../support/mdns-bus';

/**
 * Finding the venue host by mDNS, through the real bonjour-service and multicast-dns over an
 * in-memory bus (no packet leaves the process): the host advertises while sharing and says goodbye
 * when it stops; a peer lists what it hears, and drops every record out of bounds.
 */
const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

function discovery(bus: MdnsBus, address: string): { service: VenueDiscovery; changes: () => number } {
  let count = 0;
  const service = new VenueDiscovery(bus.options(address), () => (count += 1));
  open.push(service);
  return { service, changes: () => count };
}

describe('venue discovery by mDNS', () => {
  it('lists a sharing host with its port and address, and drops it when sharing stops', async () => {
    const bus = new MdnsBus();
    const host = discovery(bus, '127.0.0.2');
    const peer = discovery(bus, '127.0.0.3');
    peer.service.browse(true);
    host.service.advertise('Amara’s laptop', 47_311);
    await vi.waitFor(() => expect(peer.service.hosts()).toHaveLength(1), { timeout: 10_000 });
    const [found] = peer.service.hosts();
    expect(found).toMatchObject({ name: 'Amara’s laptop', port: 47_311 });
    expect(found?.addresses[0]).toBe('127.0.0.2');

    await host.service.stopAdvertising();
    await vi.waitFor(() => expect(peer.service.hosts()).toEqual([]), { timeout: 10_000 });
  });

  it('drops hostile records: a privileged or absurd port, a huge name, bidi controls, another protocol version', async () => {
    const bus = new MdnsBus();
    const peer = discovery(bus, '127.0.0.3');
    peer.service.browse(true);
    const hostile = new Bonjour(bus.options('127.0.0.9'), () => undefined);
    open.push({ close: () => new Promise<void>((resolve) => hostile.destroy(() => resolve())) });
    const publish = (name: string, port: number, v = '1'): void => {
      hostile.publish({ name, type: 'cb-venue', port, txt: { v }, probe: false });
    };
    publish('Port eighty', 80);
    publish('x'.repeat(64), 40_001);
    publish('Bank \u202Eexe.pdf', 40_002);
    publish('Next version', 40_003, '2');
    publish('Plain host', 40_004);
    await vi.waitFor(() => expect(peer.service.hosts().map((h) => h.name)).toEqual(['Plain host']), {
      timeout: 10_000,
    });
    // Every record was heard (the valid one came last); none of the others reached the list.
    expect(peer.service.hosts()).toHaveLength(1);
  });

  it('validates each field of a record', () => {
    const good = { name: 'Venue host', port: 40_000, addresses: ['192.168.1.20'], txt: { v: '1' } };
    expect(discoveredHost(good)).toEqual({ name: 'Venue host', port: 40_000, addresses: ['192.168.1.20'] });
    expect(discoveredHost({ ...good, port: 70_000 })).toBeNull();
    expect(discoveredHost({ ...good, port: 40_000.5 })).toBeNull();
    expect(discoveredHost({ ...good, name: 'a\u2067b' })).toBeNull();
    expect(discoveredHost({ ...good, name: 'line\nbreak' })).toBeNull();
    expect(discoveredHost({ ...good, addresses: ['not-an-ip', 'http://x'] })).toBeNull();
    expect(discoveredHost({ ...good, txt: {} })).toBeNull();
    expect(discoveredHost({ ...good, addresses: ['fe80::1', '10.0.0.5'] })?.addresses).toEqual(['10.0.0.5', 'fe80::1']);
  });
});
