// Which URLs are the app's own: the built renderer's index.html as a file:// URL, or in development
// the electron-vite dev server. Everything else (other files, other origins) is foreign: it may not
// call the API, navigate the window or be granted a permission. Pure: no electron import, so it can
// be tested under plain Node.
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface AppUrl {
  /** What the main window loads. */
  readonly href: string;
  /** True for the app's own document (any hash or query), false for anything else, including garbage. */
  isAppUrl(url: string): boolean;
  /** The origin permission checks compare against ('file://' for the packaged renderer). */
  isAppOrigin(origin: string): boolean;
  /** The dev server's origin, when running against one. */
  readonly devServerOrigin: string | null;
}

/**
 * @param rendererIndex absolute path of out/renderer/index.html
 * @param devServerUrl ELECTRON_RENDERER_URL, honoured only for an unpackaged app
 * @param platform process.platform: file paths compare case-insensitively on Windows and macOS
 */
export function appUrl(rendererIndex: string, devServerUrl: string | undefined, platform: NodeJS.Platform): AppUrl {
  const dev = devServerUrl ? parseHttpUrl(devServerUrl) : null;
  if (devServerUrl && !dev) throw new Error(`ELECTRON_RENDERER_URL is not an http(s) URL: ${devServerUrl}`);
  if (dev) {
    return {
      href: dev.href,
      devServerOrigin: dev.origin,
      isAppUrl: (url) => parseHttpUrl(url)?.origin === dev.origin,
      isAppOrigin: (origin) => origin === dev.origin,
    };
  }
  const caseless = platform === 'win32' || platform === 'darwin';
  const normalise = (path: string) => (caseless ? path.toLowerCase() : path);
  const expected = normalise(rendererIndex);
  return {
    href: pathToFileURL(rendererIndex).href,
    devServerOrigin: null,
    isAppUrl(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
      try {
        // Decode through the file-path conversion, so that %20, Cyrillic folder names and the
        // drive-letter spelling of Chromium and of Node compare equal.
        return normalise(fileURLToPath(parsed)) === expected;
      } catch {
        return false;
      }
    },
    // Chromium reports file:// documents' origin as "file://" (or "null" for opaque ones); the URL
    // check above does the real work where a URL is available.
    isAppOrigin: (origin) => origin === 'file://' || origin === 'file:///',
  };
}

function parseHttpUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}
