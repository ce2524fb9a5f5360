// The Electron shell's main process: one window, one core. The core (services, the DB worker,
// migrations) is the same Node library the browser shell and the CLI use; this file only decides
// where things are, starts the core, binds it to IPC and keeps the app a single hardened instance.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, Menu, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { createCore, type Core } from '../core/core.js';
import { appUrl } from './app-url.js';
import { showAlertNotifications } from './alert-notifications.js';
import { registerApiIpc } from './ipc.js';
import { SafeStorageSecretStore } from './safe-storage-secrets.js';
import { electronSqliteBinding } from './native-binding.js';
import { hardenSession, restrictWebContents } from './security.js';
import { Settings } from './settings.js';
import { createMainWindow } from './window.js';

/** out/main, where electron-vite puts this bundle and the DB worker beside it. */
const MAIN_DIR = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(MAIN_DIR, '..', 'preload', 'index.cjs');
const RENDERER_INDEX = join(MAIN_DIR, '..', 'renderer', 'index.html');
const DB_WORKER = join(MAIN_DIR, 'db-worker.js');
const TITLE = 'Контроль обращений';

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let disposeIpc: (() => void) | null = null;

function warn(message: string, details: Record<string, unknown> = {}): void {
  if (core) core.log.warn(details, message);
  else console.warn(message, details);
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function fail(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(title, error);
  dialog.showErrorBox(TITLE, `${title}\n\n${message}`);
  app.exit(1);
}

async function start(): Promise<void> {
  // The dev server URL is trusted only in an unpackaged app: a packaged one loads its own files.
  const url = appUrl(RENDERER_INDEX, app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'], process.platform);
  restrictWebContents(url, (what, target) => warn(`blocked ${what}`, { url: target }));
  app.on('second-instance', focusMainWindow);
  // One window is the whole app: closing it ends the app on every platform, so the core closes cleanly.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = null;
    disposeIpc?.();
    disposeIpc = null;
    closing
      .close()
      .catch((error: unknown) => console.error('core close failed', error))
      .finally(() => app.quit());
  });

  await app.whenReady();
  hardenSession(session.defaultSession, url);
  if (app.isPackaged) Menu.setApplicationMenu(null);

  const settings = new Settings();
  const dataDir = settings.dataDir();
  const secrets = new SafeStorageSecretStore(join(dataDir, 'secrets'), safeStorage);
  try {
    core = await createCore({
      dataDir,
      secrets,
      shell: 'electron',
      nativeBinding: electronSqliteBinding(app.getAppPath(), process.versions.electron, app.isPackaged),
      workerScript: DB_WORKER,
      // «Экспорт в Excel»: «Скачать» copies the finished file here and «Открыть папку» shows it.
      downloadsDir: app.getPath('downloads'),
      revealFile: (path) => shell.showItemInFolder(path),
      // «Сводка за день» → «Сохранить PDF»: the window's print view on A4, as its @page rule lays it out.
      printToPdf: async () => {
        if (!mainWindow || mainWindow.isDestroyed()) throw new Error('no window to print');
        return mainWindow.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      },
    });
  } catch (error) {
    fail('Программа не может открыть базу данных.', error);
    return;
  }
  const started = core;
  if (!secrets.encrypted) started.log.warn('safeStorage has no OS keychain: server tokens are kept in files readable only by this user');
  disposeIpc = registerApiIpc({ core: started, getWindow: () => mainWindow, isAppUrl: url.isAppUrl });
  showAlertNotifications(started, () => mainWindow);

  const win = createMainWindow({
    preload: PRELOAD,
    appUrl: url,
    state: settings.windowState(),
    devTools: !app.isPackaged,
    onRendererGone: (reason) => started.log.error({ reason }, 'renderer process gone'),
  });
  settings.trackWindow(win);
  win.on('closed', () => {
    mainWindow = null;
  });
  mainWindow = win;
}

// The sandbox for every renderer, whatever a window's options say.
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => fail('Программа не запустилась.', error));
} else {
  // Another instance owns the data folder: it focuses its window (second-instance) and this one leaves.
  app.quit();
}
