/**
 * citation-js fetches a URL or a DOI given to it as input, through node-fetch
 * and sync-fetch: both Node-only, and the renderer has no business reaching the
 * network. The app never gives it one (it formats CSL-JSON made from the
 * cache), so the renderer build (electron.vite.config.ts) maps both libraries
 * to this module, which refuses.
 */
function refuse(): never {
  throw new Error('Citations are made offline: the renderer fetches nothing for citation-js.');
}

export const Headers = globalThis.Headers;
export default Object.assign(refuse, { Headers });
