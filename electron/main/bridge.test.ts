// The Electron transport end to end, without Electron: a fake `electron` module joins the real preload
// to the real IPC handlers and a real core, and the renderer's client (createApiClient) sits on top.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/contract/errors.js';
import { createApiClient, type EnvelopeBridge } from '../../shared/contract/client.js';
import type { ChangeEvent } from '../../shared/contract/schemas.js';
import { createCore, type Core } from '../core/core.js';
import { silentLogger } from '../core/log.js';

const APP_URL = 'file:///app/out/renderer/index.html';

const fake = vi.hoisted(() => {
  type Handler = (event: unknown, input: unknown) => unknown;
  const handlers = new Map<string, Handler>();
  const toRenderer = new (class extends EventTarget {})();
  const exposed: Record<string, unknown> = {};
  const frame = { url: '', parent: null as unknown, processId: 1, routingId: 1 };
  const top = { processId: 1, routingId: 1 };
  return { handlers, toRenderer, exposed, frame, top };
});

vi.mock('electron', () => {
  const rendererEvents = new EventEmitter();
  return {
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => unknown) => {
        if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        fake.handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => fake.handlers.delete(channel),
    },
    ipcRenderer: {
      // Like Electron: arguments and results are structured-cloned; no handler rejects.
      invoke: async (channel: string, input: unknown) => {
        const handler = fake.handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        const event = { sender: { id: 1 }, senderFrame: { ...fake.frame } };
        return structuredClone(await handler(event, structuredClone(input)));
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => rendererEvents.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => rendererEvents.off(channel, listener),
      emitFromMain: (channel: string, payload: unknown) => rendererEvents.emit(channel, {}, structuredClone(payload)),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        fake.exposed[key] = api;
      },
    },
  };
});

const electron = await import('electron');
const { registerApiIpc } = await import('./ipc.js');

const fakeWindow = {
  isDestroyed: () => false,
  webContents: {
    id: 1,
    mainFrame: fake.top,
    isDestroyed: () => false,
    getURL: () => APP_URL,
    send: (channel: string, payload: unknown) =>
      (electron.ipcRenderer as unknown as { emitFromMain(c: string, p: unknown): void }).emitFromMain(channel, payload),
  },
};

let dataDir: string;
let core: Core;
let dispose: () => void;
let bridge: EnvelopeBridge;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'appeals-bridge-'));
  core = await createCore({ dataDir, shell: 'electron', log: silentLogger() });
  await core.db.call('seed', {
    organisations: [{ id: 'o1', kind: 'uk', name: 'УК Тест' }],
    buildings: [{ id: 'b1', district: 'Ленинский', address: 'ул. Ново-Садовая, д. 106А', managementOrgId: 'o1' }],
  });
  dispose = registerApiIpc({
    core,
    getWindow: () => fakeWindow as never,
    isAppUrl: (url) => url.split('#')[0] === APP_URL,
  });
  await import('../preload/index.js');
  bridge = fake.exposed['api'] as EnvelopeBridge;
});

afterAll(async () => {
  dispose();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function fromFrame(url: string, parent: unknown = null): void {
  fake.frame.url = url;
  fake.frame.parent = parent;
}

describe('Electron bridge', () => {
  it('exposes only the envelope bridge, one handler per contract method', async () => {
    const { API_METHODS } = await import('../../shared/contract/api.js');
    expect(Object.keys(fake.exposed)).toEqual(['api']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onChange']);
    expect([...fake.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `api:${m}`).sort());
  });

  it('answers the app window with values, and ApiErrors keep code and issues', async () => {
    fromFrame(`${APP_URL}#/intake`);
    const api = createApiClient(bridge.invoke, bridge.onChange);
    expect((await api.appInfo({})).shell).toBe('electron');
    const error: unknown = await api.registerAppeal({ buildingId: '' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('validation');
    expect((error as ApiError).issues.map((i) => i.path)).toContain('buildingId');
  });

  it('refuses frames that are not the app page in the top frame', async () => {
    fromFrame('https://evil.example/');
    expect(await bridge.invoke('appInfo', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    fromFrame(APP_URL, { url: APP_URL });
    expect(await bridge.invoke('appInfo', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    fromFrame('file:///etc/passwd');
    expect(await bridge.invoke('appInfo', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('never rejects: unknown methods and uncloneable input become envelopes', async () => {
    fromFrame(APP_URL);
    expect(await bridge.invoke('dropDatabase' as never, {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await bridge.invoke('appInfo', { f: () => 1 })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('forwards change events until unsubscribed', async () => {
    fromFrame(APP_URL);
    const seen: ChangeEvent[] = [];
    const stop = bridge.onChange((event) => seen.push(event));
    const api = createApiClient(bridge.invoke, bridge.onChange);
    const appeal = await api.registerAppeal({
      buildingId: 'b1',
      applicantName: 'Иванов',
      channel: 'pos',
      category: 'no_heating',
      description: 'Холодно',
    });
    expect(seen).toContainEqual(expect.objectContaining({ entity: 'appeal', ids: expect.arrayContaining([appeal.id]) }));
    stop();
    const before = seen.length;
    await api.registerAppeal({ buildingId: 'b1', applicantName: 'Петров', channel: 'pos', category: 'noise', description: 'Шум' });
    expect(seen.length).toBe(before);
  });
});
