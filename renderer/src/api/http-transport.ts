// The browser shell's transport: contract calls as POST /api/<method>, change events over a
// WebSocket that reconnects on its own.
import type { InvokeEnvelope, SubscribeChanges } from '../../../shared/contract/client.js';
import type { ApiEnvelope } from '../../../shared/contract/errors.js';
import { changeEventSchema, type ChangeEvent } from '../../../shared/contract/schemas.js';

export const invokeOverHttp: InvokeEnvelope = async (method, input) => {
  const response = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input),
  });
  if (response.status === 401) {
    return { ok: false, error: { code: 'unauthorized', message: await response.text() } };
  }
  return (await response.json()) as ApiEnvelope<unknown>;
};

export function createWebSocketChanges(): SubscribeChanges {
  const listeners = new Set<(event: ChangeEvent) => void>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = () => {
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`);
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (message) => {
      const parsed = changeEventSchema.safeParse(JSON.parse(String(message.data)));
      if (parsed.success) for (const listener of listeners) listener(parsed.data);
    };
    socket.onclose = () => {
      socket = null;
      if (listeners.size > 0) setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };

  return (listener) => {
    listeners.add(listener);
    if (!socket) connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) socket?.close();
    };
  };
}
