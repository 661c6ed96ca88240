/**
 * Which links may leave the app for the system browser. Only https:, only to
 * hosts we know (and their subdomains), never with credentials in the URL.
 * Everything else is refused: a link in a forum post must not reach
 * `file:`, a custom protocol handler or a look-alike host.
 */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = [
  'ilo.org',
  'itcilo.org',
  'unsse.org',
  'socialeconomy.itcilo.org',
  'un.org',
  'oecd.org',
  'ica.coop',
  'ripess.org',
  'wikipedia.org',
];

const MAX_URL_LENGTH = 2048;

export function isAllowedExternalUrl(raw: string, allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST): boolean {
  if (raw.length === 0 || raw.length > MAX_URL_LENGTH) return false;
  // Reject control characters and whitespace outright; URL parsing would strip some silently.
  for (const char of raw) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || char === '\\') return false;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  // IDN look-alikes arrive punycoded; none of our hosts are, so refuse them.
  if (host.split('.').some((label) => label.startsWith('xn--'))) return false;
  return allowlist.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
