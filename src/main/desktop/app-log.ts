import { join } from 'node:path';
import electronLog from 'electron-log/node';

/** What the shell writes to its log. Messages are short facts (an event, a code), never content. */
export interface AppLog {
  readonly dir: string;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const LOG_FILE = 'main.log';
/** Past this the file is renamed main.old.log (replacing the previous one) and a new one starts. */
export const LOG_MAX_BYTES = 1024 * 1024;

const REDACTED = '[redacted]';
/** JSON fields and query parameters that carry secrets or what people wrote. */
const SECRET_FIELDS =
  'token|accessToken|refreshToken|access_token|refresh_token|authorization|password|secret|cookie|body|text|content|title|message_text';

/**
 * Removes from a log line what must never be written to disk: bearer and
 * basic credentials, anything shaped like a token (JWTs, long random
 * strings), and JSON fields or URL parameters that hold secrets or the text
 * of posts. A second line of defence: the shell logs codes and events, not
 * payloads, in the first place.
 */
export function redact(line: string): string {
  return (
    line
      .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/giu, `$1 ${REDACTED}`)
      .replace(new RegExp(`("(?:${SECRET_FIELDS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'giu'), `$1"${REDACTED}"`)
      .replace(new RegExp(`([?&](?:${SECRET_FIELDS})=)[^&#\\s]*`, 'giu'), `$1${REDACTED}`)
      .replace(
        /\b((?:access_?|refresh_?)?(?:token|password|secret|api_?key)\s*[=:]\s*)(?!\[redacted\])[^\s,;&"']+/giu,
        `$1${REDACTED}`,
      )
      .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/gu, REDACTED)
      // Long runs of token alphabet (session tokens, API keys). A file's sha256 and an entity's uuid are no secrets.
      .replace(
        /\b(?=[\w-]*[A-Za-z])(?=[\w-]*\d)(?![0-9a-f]{64}\b)(?![0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b)[\w-]{32,}\b/giu,
        REDACTED,
      )
  );
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}${value.stack ? `\n${value.stack}` : ''}`;
  if (typeof value === 'string') return value;
  // JSON has nothing to say about these (stringify answers undefined).
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // A cycle, or a BigInt: the name of its kind is enough for a log line.
    return `[unprintable ${typeof value}]`;
  }
}

/**
 * A rotating log file in `<userData>/logs` (electron-log's Node transport:
 * no Electron needed, so it is tested in plain Node). Every line passes
 * through `redact` before it reaches the disk or the console.
 */
export function createAppLog(options: { userData: string; appName: string; console?: boolean }): AppLog {
  const dir = join(options.userData, 'logs');
  const logger = electronLog.create({ logId: `collective-brain-${dir}` });
  logger.transports.file.setAppName(options.appName);
  logger.transports.file.resolvePathFn = () => join(dir, LOG_FILE);
  logger.transports.file.maxSize = LOG_MAX_BYTES;
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  logger.transports.console.level = options.console === true ? 'info' : false;
  // Nothing leaves the machine or crosses to a renderer: only the file (and the console in development).
  for (const [name, transport] of Object.entries(logger.transports)) {
    if (name !== 'file' && name !== 'console' && transport !== null && typeof transport === 'function') {
      transport.level = false;
    }
  }
  logger.hooks.push((message) => ({ ...message, data: message.data.map((part: unknown) => redact(describe(part))) }));
  return {
    dir,
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, error) => (error === undefined ? logger.error(message) : logger.error(message, error)),
  };
}
