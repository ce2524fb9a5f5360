// The Electron transport's names, shared by the preload and the main process so that neither spells
// them on its own. The method list itself comes from the contract (API_METHODS).
import type { ApiMethod } from './api.js';

/** The global the preload exposes to the renderer: an EnvelopeBridge (see client.ts). */
export const BRIDGE_GLOBAL = 'api';

/** The IPC channel of one contract method, handled by ipcMain.handle in the main process. */
export function apiChannel(method: ApiMethod): `api:${ApiMethod}` {
  return `api:${method}`;
}

/** Main → renderer: the core's change events (ChangeEvent). */
export const CHANGE_CHANNEL = 'api:change';
