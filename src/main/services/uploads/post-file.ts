import { createReadStream } from 'node:fs';

/**
 * A file on disk as a request body, read as it is sent. `onBytes` reports how
 * much has been handed to the network so far, for progress.
 */
export function fileBody(path: string, onBytes: (sent: number) => void): ReadableStream<Uint8Array> {
  const iterator = createReadStream(path, { highWaterMark: 256 * 1024 })[
    Symbol.asyncIterator
  ]() as AsyncIterator<Buffer>;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done === true) {
        controller.close();
        return;
      }
      const value: Buffer = next.value;
      sent += value.byteLength;
      onBytes(sent);
      controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
