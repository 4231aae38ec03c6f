/**
 * The renderer's Content Security Policy, the same in Electron (app:// responses) and browser mode
 * (HTTP header): only the app's own scripts, styles, fonts and images; no inline script, no eval,
 * no remote anything, no framing. `connectSrc` adds the browser-mode API origin.
 */
export function contentSecurityPolicy(connectSrc: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Svelte sets style attributes for transitions; no inline <style> from content is ever rendered.
    "style-src 'self' 'unsafe-inline'",
    // data: for the fonts embedded in the summary and report previews (srcdoc frames inherit this policy).
    "font-src 'self' data:",
    "img-src 'self' data:",
    `connect-src 'self' ${connectSrc.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'"
  ].join('; ')
}
