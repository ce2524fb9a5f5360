// Builds the renderer's `window.api` from the contract over any transport that carries envelopes
// (Electron IPC in the preload, HTTP in the browser shell), so a method is added in one place.
import { API_METHODS, type ApiCalls, type ApiMethod } from './api.js';
import { ApiError, type ApiEnvelope } from './errors.js';
import type { ChangeEvent } from './schemas.js';

export type InvokeEnvelope = (method: ApiMethod, input: unknown) => Promise<ApiEnvelope<unknown>>;
export type SubscribeChanges = (listener: (event: ChangeEvent) => void) => () => void;

export type WindowApi = ApiCalls & { onChange: SubscribeChanges };

export function createApiClient(invoke: InvokeEnvelope, subscribe: SubscribeChanges): WindowApi {
  const calls = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      async (input: unknown) => {
        const envelope = await invoke(method, input ?? {});
        if (envelope.ok) return envelope.value;
        throw new ApiError(envelope.error);
      },
    ]),
  ) as ApiCalls;
  return { ...calls, onChange: subscribe };
}

/**
 * The preload cannot pass an ApiError through contextBridge with its fields intact, so the
 * Electron side exposes envelopes and the renderer wraps them with createApiClient.
 */
export type EnvelopeBridge = { invoke: InvokeEnvelope; onChange: SubscribeChanges };
