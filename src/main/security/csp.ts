/**
 * The Content-Security-Policy of the renderer, sent as a header by both hosts
 * (the meta tag in index.html says the same; frame-ancestors needs the header).
 * No inline script, no eval, nothing from another origin.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: cbfile:",
  "font-src 'self'",
  "connect-src 'self' cbfile:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
