import { Bonjour, type Browser, type Service } from 'bonjour-service';
import {
  discoveredHost,
  VENUE_SERVICE_TYPE,
  VENUE_SERVICE_VERSION,
  type DiscoveredHost,
} from '../../../shared/venue/discovery';

/**
 * The options handed to multicast-dns (through bonjour-service). Production passes `{}`: the
 * standard mDNS group on the machine's interfaces. Tests pass `{ socket, multicast: false }` with an
 * in-memory socket, so no packet ever leaves the process.
 */
export type MdnsOptions = Record<string, unknown>;

/**
 * mDNS on the venue network: the venue host advertises its sharing service while sharing is on;
 * a peer lists the hosts it hears while its Venue screen is open. Every record is validated before
 * it is listed (see DiscoveredHostSchema); a listed host still needs the pairing code.
 */
export class VenueDiscovery {
  private bonjour: Bonjour | null = null;
  private advertised: Service | null = null;
  private browser: Browser | null = null;
  private readonly found = new Map<string, DiscoveredHost>();

  constructor(
    private readonly mdns: MdnsOptions,
    private readonly onChange: () => void,
  ) {}

  private instance(): Bonjour {
    // Network errors (no interface, a refused socket) make discovery quiet, never the app fail.
    this.bonjour ??= new Bonjour(this.mdns, () => undefined);
    return this.bonjour;
  }

  advertise(name: string, port: number): void {
    if (this.advertised !== null) (this.advertised.stop as () => void).call(this.advertised);
    this.advertised = this.instance().publish({
      // A DNS label: at most 63 characters, without the dots that would split it.
      name:
        name
          .replace(/[.\p{Cc}\p{Cf}]/gu, ' ')
          .slice(0, 63)
          .trim() || 'Venue host',
      type: VENUE_SERVICE_TYPE,
      port,
      txt: { v: VENUE_SERVICE_VERSION },
    });
    this.advertised.on('error', () => undefined);
  }

  /** Says goodbye on the network (peers drop the host at once) and stops answering. */
  async stopAdvertising(): Promise<void> {
    const service = this.advertised;
    this.advertised = null;
    if (service === null) return;
    // bonjour-service types `stop` as CallableFunction; it takes a callback once the goodbye is sent.
    const stop = service.stop as (callback: () => void) => void;
    await new Promise<void>((resolve) => {
      stop.call(service, () => resolve());
    });
    await this.releaseIfIdle();
  }

  browse(on: boolean): void {
    if (!on) {
      this.browser?.stop();
      this.browser = null;
      this.found.clear();
      this.onChange();
      void this.releaseIfIdle();
      return;
    }
    if (this.browser !== null) {
      this.browser.update();
      return;
    }
    this.browser = this.instance().find({ type: VENUE_SERVICE_TYPE }, (service) => this.seen(service));
    this.browser.on('down', (service: Service) => {
      if (this.found.delete(keyOf(service))) this.onChange();
    });
  }

  hosts(): DiscoveredHost[] {
    return [...this.found.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async close(): Promise<void> {
    this.browser?.stop();
    this.browser = null;
    await this.stopAdvertising();
    await this.release();
  }

  private seen(service: Service): void {
    const host = discoveredHost(service);
    if (host === null || this.found.size >= 50) return;
    this.found.set(keyOf(service), host);
    this.onChange();
  }

  private async releaseIfIdle(): Promise<void> {
    if (this.browser === null && this.advertised === null) await this.release();
  }

  private async release(): Promise<void> {
    const bonjour = this.bonjour;
    this.bonjour = null;
    if (bonjour !== null) await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
  }
}

function keyOf(service: Service): string {
  return service.fqdn;
}
