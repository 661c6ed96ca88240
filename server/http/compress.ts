import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const MIN_BYTES = 1024;

function accepts(header: string | undefined, encoding: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().split(';');
    if (name.trim().toLowerCase() !== encoding) return false;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/u.exec(param)?.[1]).find((value) => value !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

/** Sends a JSON string, compressed with br or gzip when the client asks for it. */
export async function sendJson(request: FastifyRequest, reply: FastifyReply, json: string): Promise<void> {
  const header = request.headers['accept-encoding'];
  void reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (json.length >= MIN_BYTES && accepts(header, 'br')) {
    // A low quality level: pull pages are compressed per request, so speed matters more than ratio.
    const body = await brotli(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    return reply.header('content-encoding', 'br').send(body);
  }
  if (json.length >= MIN_BYTES && accepts(header, 'gzip')) {
    const body = await gzipAsync(json, { level: 5 });
    return reply.header('content-encoding', 'gzip').send(body);
  }
  return reply.send(json);
}
