/**
 * The Content-Security-Policy for the app's page, in both shells: only the app's own scripts,
 * no eval, no plugins, no frames, no form posts, and network calls only back to the app.
 * Inline styles stay allowed because Svelte sets style attributes for layout values. Media may be
 * data: (recorded narration sent with a demo) or blob: (a clip just recorded, played back).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
].join('; ');
