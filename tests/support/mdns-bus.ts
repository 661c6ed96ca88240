import { EventEmitter } from 'node:events';

/**
 * An in-memory stand-in for the UDP socket multicast-dns uses, joined to a bus
 * that plays the venue network's multicast group: every packet a member sends
 * reaches every member (itself included, as multicast loopback does). Nothing
 * leaves the process, so mDNS tests send no multicast at all.
 */
export class MdnsBus {
  private readonly members = new Set<BusSocket>();

  /** The options to hand to bonjour-service / multicast-dns for one member, seen on the bus as `address`. */
  options(address: string): Record<string, unknown> {
    const socket = new BusSocket(this, address);
    this.members.add(socket);
    return { socket, multicast: false, port: 5353 };
  }

  deliver(from: BusSocket, packet: Buffer): void {
    for (const member of this.members) {
      if (member.closed) continue;
      const copy = Buffer.from(packet);
      setImmediate(() =>
        member.emit('message', copy, { address: from.ip, port: 5353, family: 'IPv4', size: copy.length }),
      );
    }
  }

  leave(socket: BusSocket): void {
    this.members.delete(socket);
  }
}

class BusSocket extends EventEmitter {
  closed = false;
  constructor(
    private readonly bus: MdnsBus,
    readonly ip: string,
  ) {
    super();
  }
  bind(_port: number, _address: string | undefined, callback: () => void): void {
    setImmediate(() => {
      this.emit('listening');
      callback();
    });
  }
  address(): { address: string; port: number } {
    return { address: this.ip, port: 5353 };
  }
  send(buffer: Buffer, offset: number, length: number, _port: number, _address: string, callback?: () => void): void {
    if (!this.closed) this.bus.deliver(this, buffer.subarray(offset, offset + length));
    if (callback) setImmediate(callback);
  }
  close(callback?: () => void): void {
    this.closed = true;
    this.bus.leave(this);
    if (callback) setImmediate(callback);
  }
  setMulticastTTL(): void {}
  setMulticastLoopback(): void {}
  setMulticastInterface(): void {}
  addMembership(): void {
    throw new Error('The bus never joins a real multicast group.');
  }
  dropMembership(): void {}
}
