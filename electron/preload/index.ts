// The preload: the renderer's only way to the core. It exposes one object, window.api (an
// EnvelopeBridge of shared/contract/client.ts), built from the contract's method list: invoke() sends a
// contract method over its own IPC channel and answers with the core's envelope, never rejecting, because
// contextBridge would strip an ApiError's code and issues; the renderer unwraps envelopes with
// createApiClient. ipcRenderer itself never crosses the bridge, nor does any IPC event object.
//
// It runs sandboxed, so it is bundled into one CommonJS file with nothing required but 'electron'.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, type ApiMethod } from '../../shared/contract/api.js';
import type { EnvelopeBridge, InvokeEnvelope, SubscribeChanges } from '../../shared/contract/client.js';
import type { ApiEnvelope } from '../../shared/contract/errors.js';
import { apiChannel, BRIDGE_GLOBAL, CHANGE_CHANNEL } from '../../shared/contract/ipc-channels.js';
import type { ChangeEvent } from '../../shared/contract/schemas.js';

/** Contract method → its IPC channel; nothing else can be invoked. */
const channels = new Map<string, string>(API_METHODS.map((method: ApiMethod) => [method, apiChannel(method)]));

const invoke: InvokeEnvelope = async (method, input) => {
  const channel = typeof method === 'string' ? channels.get(method) : undefined;
  if (!channel) return { ok: false, error: { code: 'not_found', message: `Неизвестный метод: ${String(method)}` } };
  try {
    return (await ipcRenderer.invoke(channel, input)) as ApiEnvelope<unknown>;
  } catch {
    // The input could not be cloned, or the main process has no handler (yet, or any more).
    return { ok: false, error: { code: 'internal', message: 'Нет связи с ядром программы' } };
  }
};

const onChange: SubscribeChanges = (listener) => {
  if (typeof listener !== 'function') throw new TypeError('onChange: listener must be a function');
  const forward = (_event: IpcRendererEvent, change: ChangeEvent) => listener(change);
  ipcRenderer.on(CHANGE_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(CHANGE_CHANNEL, forward);
  };
};

const bridge: EnvelopeBridge = { invoke, onChange };
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
