import { z } from 'zod';
import { ERROR_CODES } from './result';

/**
 * Browser mode carries the contract over one WebSocket; these are its frames, JSON. The page's calls are
 * text frames. The host's answers and events are binary frames of UTF-8 JSON, which the page decodes with
 * a `TextDecoder`: Chromium took 25–40 ms of its own time to hand the page a text message of one pull
 * page (850 kB), and about half that as an ArrayBuffer (a Chromium trace of the client bench with 20 000
 * posts, taken with a temporary edit of the bench).
 */
export const WS_PATH = '/contract';
/** The per-launch secret travels as a WebSocket subprotocol: `cb-secret.<secret>`. */
export const WS_SECRET_PROTOCOL_PREFIX = 'cb-secret.';
export const WS_MAX_FRAME_BYTES = 1024 * 1024;
/**
 * The host closes a connection with this code when the page's secret is not this run's: the host was started
 * again (a new secret), and the page needs the address it printed, instead of retrying in vain.
 */
export const WS_CLOSE_WRONG_SECRET = 4401;

export const ClientFrameSchema = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(200),
    input: z.unknown().optional(),
  })
  .strict();
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

const ResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
]);

export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: ResultSchema }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
