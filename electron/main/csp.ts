// The Content-Security-Policy of the app's window, sent as a response header by the main process
// (session.webRequest.onHeadersReceived). The renderer's index.html carries the same policy as a
// <meta> tag, because a header cannot be relied on for file:// documents in every Electron version;
// when both are present the browser enforces both, so the stricter wins.
//
// Nothing is loaded from outside the app: scripts, fonts and images come from the bundle. Styles allow
// 'unsafe-inline' because MUI's emotion inserts <style> elements at run time and a static file:// page
// has no per-response nonce to give it.

export function contentSecurityPolicy(devServerOrigin: string | null): string {
  const devSocket = devServerOrigin ? devServerOrigin.replace(/^http/, 'ws') : null;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    // In development, the React Refresh preamble of @vitejs/plugin-react is an inline module script.
    'script-src': devServerOrigin ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // The renderer talks to the core through IPC, never over the network; Vite's HMR socket in development.
    'connect-src': devSocket ? ["'self'", devSocket] : ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'media-src': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
