import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CALL, openTestCore, REGISTER, tempDir, type TestCore } from '../core/test/temp-core.js';
import { startBrowserHost, type BrowserHost } from './host.js';

let t: TestCore;
let host: BrowserHost;
let cookie = '';

beforeAll(async () => {
  t = await openTestCore();
  await t.core.db.call('seed', REGISTER);
  const staticDir = join(tempDir('static'), 'web');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  host = await startBrowserHost({ core: t.core, staticDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await t.core.close();
});

function statusWithHost(hostHeader: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.origin}/`, { headers: { Cookie: cookie, Host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
}

function api(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: host.origin, Cookie: cookie, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the browser shell host', () => {
  it('lets nothing in without the launch key', async () => {
    expect((await fetch(`${host.origin}/`)).status).toBe(401);
    expect((await api('listAppeals', {})).status).toBe(401);
    expect((await fetch(`${host.origin}/?key=wrong`, { redirect: 'manual' })).status).toBe(403);
  });

  it('exchanges the launch key once for a session cookie', async () => {
    const first = await fetch(host.launchUrl, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0] ?? '';
    expect((await fetch(host.launchUrl, { redirect: 'manual' })).status).toBe(403);

    const page = await fetch(`${host.origin}/`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('serves the contract and refuses calls from another origin or host', async () => {
    const ok = await api('registerAppeal', CALL);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    expect((await api('listAppeals', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    // A DNS-rebinding page reaches 127.0.0.1 under a foreign host name.
    expect(await statusWithHost('evil.example')).toBe(421);
  });

  it('answers bad JSON and wrong types with a validation envelope', async () => {
    const bad = await api('registerAppeal', '{"buildingId":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'validation' } });
    const wrong = await api('registerAppeal', { ...CALL, buildingId: 7 });
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'buildingId' }] } });
    expect((await api('registerAppeal', CALL, { 'Content-Type': 'text/plain' })).status).toBe(415);
  });

  it('pushes change events over the WebSocket to a signed-in page only', async () => {
    const stranger = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, { headers: { Origin: host.origin } });
    await expect(new Promise((_, reject) => stranger.on('error', reject))).rejects.toThrow(/403/);

    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, { headers: { Origin: host.origin, Cookie: cookie } });
    await new Promise((resolve) => ws.once('open', resolve));
    const message = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString())));
    const created = (await (await api('registerAppeal', CALL)).json()) as { value: { id: string } };
    expect(JSON.parse(await message)).toEqual({ entity: 'appeal', ids: [created.value.id] });
    ws.close();
  });

  it('serves a finished export as an attachment under its Russian name, to the signed-in page only', async () => {
    const started = (await (await api('startExport', { document: 'appeals', filters: { district: 'Октябрьский' } })).json()) as {
      value: { jobId: string };
    };
    const { jobId } = started.value;
    for (;;) {
      const status = (await (await api('exportStatus', { jobId })).json()) as { value: { state: string } };
      if (status.value.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const url = `${host.origin}/exports/${jobId}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(`${host.origin}/exports/no-such-job`, { headers: { Cookie: cookie } })).status).toBe(404);
    const file = await fetch(url, { headers: { Cookie: cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const name = decodeURIComponent(disposition.split("UTF-8''")[1] ?? '');
    expect(name).toBe('Обращения — Октябрьский — 29.11.2026 11-00.xlsx');
    // An XLSX file is a zip archive.
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});
