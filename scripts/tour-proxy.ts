import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP relay in front of the reference server, with a switch: the tour puts one device's host
 * behind it to take that device offline (its connections cut, new ones refused) while the server and every
 * other device stay up. Stopping the server instead would take everyone offline and cost a database restart.
 */
export interface OfflineSwitch {
  /** The server's address as seen through the relay. */
  readonly url: string;
  setOnline(online: boolean): void;
  close(): Promise<void>;
}

export async function startOfflineSwitch(serverUrl: string): Promise<OfflineSwitch> {
  const target = new URL(serverUrl);
  const sockets = new Set<Socket>();
  let online = true;
  const relay: Server = createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    sockets.add(client).add(upstream);
    const drop = (): void => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', () => resolve());
  });
  const address = relay.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    setOnline(next) {
      online = next;
      if (!next) for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}
