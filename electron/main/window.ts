// The one main window. Its renderer has no Node, runs sandboxed and isolated from the preload, and
// reaches the core only through the preload's envelope bridge.
import { BrowserWindow } from 'electron';
import type { AppUrl } from './app-url.js';
import { WINDOW_MIN_SIZE, type WindowState } from './settings.js';

export interface MainWindowOptions {
  readonly preload: string;
  readonly appUrl: AppUrl;
  readonly state: WindowState;
  readonly devTools: boolean;
  readonly onRendererGone: (reason: string) => void;
}

const RELOAD_AFTER_CRASH_MIN_MS = 60_000;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { state } = options;
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: WINDOW_MIN_SIZE.width,
    minHeight: WINDOW_MIN_SIZE.height,
    show: false,
    title: 'Контроль обращений',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would try to open links in new windows (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // A crashed or killed renderer leaves a blank window: reload it, but never in a loop.
  let lastReload = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    options.onRendererGone(details.reason);
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const now = Date.now();
    if (now - lastReload < RELOAD_AFTER_CRASH_MIN_MS) return;
    lastReload = now;
    void win.loadURL(options.appUrl.href);
  });

  void win.loadURL(options.appUrl.href);
  return win;
}
