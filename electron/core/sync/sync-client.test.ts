// The HTTP transport tells the engine how a request failed: nothing answering at all (retried in
// seconds) is not the same as a server answering with a failure (backed off).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpSyncTransport, SyncRequestError } from './sync-client.js';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(status: number, body: unknown): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const pull = (url: string) => new HttpSyncTransport(url, () => Promise.resolve('token')).pull({ cursor: 'c', limit: 10 });

describe('HttpSyncTransport failures', () => {
  it('nothing listening at the address: offline and unreachable', async () => {
    const url = await serve(200, {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
    const error = await pull(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncRequestError);
    expect(error).toMatchObject({ kind: 'offline', unreachable: true, message: 'Сервер недоступен' });
  });

  it('a server answering 503: offline, but reachable (it gets the backoff)', async () => {
    const url = await serve(503, { code: 'internal', message: 'Сервер перегружен', userAction: 'Подождите' });
    const error = await pull(url).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'offline', unreachable: false });
  });

  it('a refusal with the server’s reason is neither', async () => {
    const url = await serve(403, { code: 'forbidden', message: 'Нет прав на этот район', userAction: 'Обратитесь к администратору' });
    const error = await pull(url).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'refused', unreachable: false, code: 'forbidden', message: 'Нет прав на этот район' });
  });
});
