// The contract over Electron IPC: one ipcMain.handle per contract method (from API_METHODS), each
// checking who is calling before handing the raw input to the core, which validates it with the
// method's zod schema and answers with an envelope. The core's change events go to the window.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS } from '../../shared/contract/api.js';
import type { ApiEnvelope } from '../../shared/contract/errors.js';
import { apiChannel, CHANGE_CHANNEL } from '../../shared/contract/ipc-channels.js';
import type { Core } from '../core/core.js';

export interface ApiIpcOptions {
  readonly core: Core;
  /** The one window allowed to call; null while there is none. */
  readonly getWindow: () => BrowserWindow | null;
  /** True for the app's own document URL (see app-url.ts). */
  readonly isAppUrl: (url: string) => boolean;
}

const REFUSED: ApiEnvelope<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'Запрос отклонён: он пришёл не из окна программы' },
};

/** Registers the handlers and the change forwarding; returns the function that removes them. */
export function registerApiIpc(options: ApiIpcOptions): () => void {
  const { core, getWindow, isAppUrl } = options;

  /** Only the main window's top frame, showing the app's own page, may call the core. */
  function trusted(event: IpcMainInvokeEvent): boolean {
    const win = getWindow();
    const frame = event.senderFrame;
    if (!win || win.isDestroyed() || !frame) return false;
    if (event.sender.id !== win.webContents.id) return false;
    const top = win.webContents.mainFrame;
    if (frame.parent !== null || frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
    return isAppUrl(frame.url);
  }

  for (const method of API_METHODS) {
    ipcMain.handle(apiChannel(method), (event, input: unknown): Promise<ApiEnvelope<unknown>> => {
      if (!trusted(event)) {
        core.log.warn({ method, url: event.senderFrame?.url ?? null, sender: event.sender.id }, 'IPC call from a foreign frame refused');
        return Promise.resolve(REFUSED);
      }
      return core.call(method, input);
    });
  }

  const stopForwarding = core.onChange((change) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    if (!isAppUrl(win.webContents.getURL())) return;
    win.webContents.send(CHANGE_CHANNEL, change);
  });

  return () => {
    stopForwarding();
    for (const method of API_METHODS) ipcMain.removeHandler(apiChannel(method));
  };
}
