import { NavTargetSchema, type NavTarget } from '../../shared/desktop';

/** The app's URL scheme, registered with the OS by the installer and at start. */
export const DEEP_LINK_SCHEME = 'collective-brain';

const MAX_LINK_LENGTH = 512;

/**
 * Reads `collective-brain://thread/<id>`, `…/document/<id>`, `…/edition/<id>` or `…/invitation/<code>`
 * into a place to open, or null. A link comes from any web page, chat message
 * or program on the machine, so it is untrusted: exactly one of these forms,
 * ids that match the wire format's schema, and nothing else (no user, port,
 * query, fragment, percent-escape, control character or extra path segment).
 */
export function parseDeepLink(raw: unknown): NavTarget | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LINK_LENGTH) return null;
  // Everything a valid link holds is plain ASCII; anything else (spaces, controls, escapes,
  // look-alike letters) is refused before URL parsing can normalise it away.
  if (!/^[A-Za-z0-9:/-]+$/u.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  if (url.username !== '' || url.password !== '' || url.port !== '' || url.search !== '' || url.hash !== '') {
    return null;
  }
  const segments = url.pathname.split('/');
  // "//kind/id" parses as host "kind", path "/id": exactly one id, no trailing slash.
  if (segments.length !== 2 || segments[0] !== '') return null;
  // The server writes ids in lower case; a link typed in upper case still means the same one.
  const id = segments[1]?.toLowerCase();
  const candidate =
    url.host === 'invitation'
      ? { screen: 'invitation', code: segments[1] }
      : url.host === 'thread'
        ? { screen: 'thread', threadId: id }
        : url.host === 'document'
          ? { screen: 'document', documentId: id }
          : url.host === 'edition'
            ? { screen: 'edition', collectionId: id }
            : null;
  const parsed = NavTargetSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** The link for a place, as the app shares it (the inverse of parseDeepLink for its three forms). */
export function deepLinkOf(target: NavTarget): string | null {
  switch (target.screen) {
    case 'thread':
      return `${DEEP_LINK_SCHEME}://thread/${target.threadId}`;
    case 'document':
      return `${DEEP_LINK_SCHEME}://document/${target.documentId}`;
    case 'edition':
      return `${DEEP_LINK_SCHEME}://edition/${target.collectionId}`;
    case 'invitation':
      return `${DEEP_LINK_SCHEME}://invitation/${target.code}`;
    case 'section':
      return null;
  }
}

/**
 * The deep link in a command line (Windows and Linux hand it to the app as an
 * argument, at launch or to the running instance through `second-instance`).
 * Only an argument that is the whole link counts; switches are never links.
 */
export function deepLinkInArgv(argv: readonly string[]): NavTarget | null {
  for (let index = argv.length - 1; index >= 0; index -= 1) {
    const arg = argv[index];
    if (arg === undefined || !arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    return parseDeepLink(arg);
  }
  return null;
}
