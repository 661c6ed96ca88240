import { FACETS, type FacetKey } from '../library/facets';

/**
 * What a storage group stands for. Downloads are grouped by what they were asked for (an Academy edition, a
 * document, a library search, the files a facilitator attached); the group is stored as a short tag, which
 * is never shown as such.
 */
export type StorageGroup =
  | { kind: 'edition'; id: string }
  | { kind: 'document'; id: string }
  | { kind: 'search'; query: string | null; facets: readonly (readonly [FacetKey, readonly string[]])[] }
  | { kind: 'uploads' }
  | { kind: 'other' };

const FACET_TOKEN = new RegExp(`(?:^|\\s)(${FACETS.join('|')})=`, 'gu');

/**
 * Reads a group tag: `edition:<id>`, `document:<id>`, `uploads`, or `search:<description>` as the library
 * writes it (`all`, or an optional `"query"` then `facet=value|value` pairs).
 */
export function parseGroup(group: string): StorageGroup {
  if (group === 'uploads') return { kind: 'uploads' };
  const colon = group.indexOf(':');
  const kind = colon < 0 ? group : group.slice(0, colon);
  const rest = colon < 0 ? '' : group.slice(colon + 1);
  if ((kind === 'edition' || kind === 'document') && rest !== '') return { kind, id: rest };
  if (kind !== 'search') return { kind: 'other' };
  if (rest === 'all') return { kind: 'search', query: null, facets: [] };
  const tokens = [...rest.matchAll(FACET_TOKEN)];
  const head = (tokens[0] === undefined ? rest : rest.slice(0, tokens[0].index)).trim();
  const query = head.length >= 2 && head.startsWith('"') && head.endsWith('"') ? head.slice(1, -1) : null;
  // A value runs to the next facet (values may hold spaces: "Costa Rica").
  const facets = tokens.map((token, index) => {
    const end = tokens[index + 1]?.index ?? rest.length;
    const values = rest.slice(token.index + token[0].length, end).trim();
    return [token[1] as FacetKey, values.split('|').filter((value) => value !== '')] as const;
  });
  return { kind: 'search', query, facets };
}
