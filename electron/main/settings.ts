// The shell's own settings (not the appeals data): where the data folder is and where the window was.
// Kept by electron-store as settings.json in the user-data folder; a damaged file is reset, not fatal.
import { isAbsolute, join } from 'node:path';
import { app, screen, type BrowserWindow, type Rectangle } from 'electron';
import Store from 'electron-store';

export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

interface SettingsData {
  /** Absolute path of the data folder; absent means the default beside the user-data folder. */
  dataDir?: string;
  window?: WindowState;
}

const DEFAULT_WINDOW: WindowState = { width: 1280, height: 800, maximized: false };
const MIN_WIDTH = 900;
const MIN_HEIGHT = 600;
/** How much of a saved window must still be on some screen for the saved position to be used. */
const MIN_VISIBLE_PX = 100;

export class Settings {
  private readonly store = new Store<SettingsData>({ name: 'settings', clearInvalidConfig: true });

  /** The data folder: APPEALS_DATA_DIR (a second workstation profile, tests), then the saved choice, then userData/data. */
  dataDir(): string {
    const fromEnv = process.env['APPEALS_DATA_DIR'];
    if (fromEnv && isAbsolute(fromEnv)) return fromEnv;
    const saved = this.store.get('dataDir');
    if (typeof saved === 'string' && isAbsolute(saved)) return saved;
    return join(app.getPath('userData'), 'data');
  }

  setDataDir(dir: string): void {
    if (!isAbsolute(dir)) throw new Error(`the data folder must be an absolute path: ${dir}`);
    this.store.set('dataDir', dir);
  }

  /** The saved window state, if it is sane and still on a connected screen; the default otherwise. Call after 'ready'. */
  windowState(): WindowState {
    const saved = sanitise(this.store.get('window'));
    if (!saved) return DEFAULT_WINDOW;
    if (saved.x === undefined || saved.y === undefined) return saved;
    const rect: Rectangle = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
    const visible = screen.getAllDisplays().some((display) => overlap(display.workArea, rect) >= MIN_VISIBLE_PX * MIN_VISIBLE_PX);
    return visible ? saved : { width: saved.width, height: saved.height, maximized: saved.maximized };
  }

  /** Saves the window's normal (not maximised) bounds and its maximised flag when it closes. */
  trackWindow(win: BrowserWindow): void {
    win.on('close', () => {
      const bounds = win.getNormalBounds();
      this.store.set('window', { ...bounds, maximized: win.isMaximized() });
    });
  }
}

export const WINDOW_MIN_SIZE = { width: MIN_WIDTH, height: MIN_HEIGHT } as const;

function sanitise(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const int = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) ? n : undefined);
  const width = int(v['width']);
  const height = int(v['height']);
  if (width === undefined || height === undefined || width < MIN_WIDTH || height < MIN_HEIGHT || width > 20000 || height > 20000) return null;
  const x = int(v['x']);
  const y = int(v['y']);
  const maximized = v['maximized'] === true;
  return x === undefined || y === undefined ? { width, height, maximized } : { x, y, width, height, maximized };
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
