// The renderer's api: the Electron preload's bridge when the app runs in Electron, HTTP and a
// WebSocket to the local host in the browser shell. Both come from the same contract.
import { createApiClient, type EnvelopeBridge, type WindowApi } from '../../../shared/contract/client.js';
import { createWebSocketChanges, invokeOverHttp } from './http-transport.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload. */
    readonly api?: EnvelopeBridge;
  }
}

export const api: WindowApi = window.api
  ? createApiClient(window.api.invoke, window.api.onChange)
  : createApiClient(invokeOverHttp, createWebSocketChanges());
