import type { FastifyError, FastifyInstance } from 'fastify';
import { WIRE_ERROR_STATUS, type WireError, type WireErrorCode } from '../../src/shared/wire';

/** An error meant for the client: its code and message are sent as they are. */
export class HttpError extends Error {
  readonly code: WireErrorCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(code: WireErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.status = WIRE_ERROR_STATUS[code];
    this.headers = headers;
  }
}

/** Fastify's own errors, by code, mapped onto wire codes. */
const FASTIFY_CODES: Readonly<Record<string, WireErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid',
  FST_ERR_VALIDATION: 'invalid',
};

function toWireError(error: unknown): { status: number; body: WireError; headers: Record<string, string> } {
  if (error instanceof HttpError) {
    return { status: error.status, body: { code: error.code, message: error.message }, headers: { ...error.headers } };
  }
  const fastifyError = error as Partial<FastifyError>;
  const mapped = typeof fastifyError.code === 'string' ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped !== undefined) {
    return {
      status: WIRE_ERROR_STATUS[mapped],
      body: { code: mapped, message: fastifyError.message ?? mapped },
      headers: {},
    };
  }
  // A body that is not valid JSON surfaces as a SyntaxError with status 400.
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) {
    return { status: 400, body: { code: 'invalid', message: 'The request body is not valid.' }, headers: {} };
  }
  if (fastifyError.statusCode === 413) {
    return { status: 413, body: { code: 'payload-too-large', message: 'The request body is too large.' }, headers: {} };
  }
  return { status: 500, body: { code: 'internal', message: 'Something went wrong on the server.' }, headers: {} };
}

/** Every error leaves as JSON `{code, message}`; stack traces stay in the log. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body, headers } = toWireError(error);
    // The client gets a code and a message; the details go to the server's log only.
    if (status >= 500) console.error(`[server] ${request.method} ${request.url.split('?')[0] ?? ''} failed:`, error);
    void reply.code(status).headers(headers).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send({ code: 'not-found', message: `No route for ${request.method} ${request.url.split('?')[0] ?? ''}` });
  });
}
