// The renderer's api: the Electron preload's bridge when the app runs in Electron, HTTP and a
// WebSocket to the local host in the browser shell. Both come from the same contract.
import { createApiClient, type EnvelopeBridge, type WindowApi } from '../../../shared/contract/client.js';
import { createWebSocketChanges, invokeOverHttp } from './http-transport.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload. */
    readonly appBridge?: EnvelopeBridge;
  }
}

export const api: WindowApi = window.appBridge
  ? createApiClient(window.appBridge.invoke, window.appBridge.onChange)
  : createApiClient(invokeOverHttp, createWebSocketChanges());
