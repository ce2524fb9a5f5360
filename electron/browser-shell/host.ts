// The browser shell's local host: serves the built renderer and binds the contract over HTTP
// (POST /api/<method>) and WebSocket (/events) to the core, on 127.0.0.1 only. A per-launch key in
// the printed URL is exchanged once for an HttpOnly cookie; nothing else gets in.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/core.js';

export interface BrowserHostOptions {
  readonly core: Core;
  /** Folder of the built renderer (index.html and assets). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export interface BrowserHost {
  /** The one URL that lets a browser in: it carries the per-launch key. */
  readonly launchUrl: string;
  readonly origin: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** A register file travels as base64 in the body (see MAX_IMPORT_BASE64_CHARS). */
const MAX_IMPORT_BODY_BYTES = 70 * 1024 * 1024;
const SESSION_COOKIE = 'appeals_session';
/** GET /exports/<jobId>: a finished document export (electron/core/exports/). */
export const EXPORTS_PATH = '/exports/';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { core, staticDir } = options;
  const launchKey = randomBytes(24).toString('base64url');
  const sessionToken = randomBytes(32).toString('base64url');
  let launchKeyUsed = false;
  let origin = '';
  let host = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      core.log.error({ err, url: req.url }, 'browser host request failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Внутренняя ошибка');
      else res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== host) return send(res, 421, 'text/plain; charset=utf-8', 'Неверный адрес');
    const url = new URL(req.url ?? '/', origin);

    if (req.method === 'GET' && url.searchParams.has('key')) {
      if (launchKeyUsed || !safeEqual(url.searchParams.get('key') ?? '', launchKey)) {
        return send(res, 403, 'text/plain; charset=utf-8', 'Ссылка уже использована или неверна: перезапустите программу');
      }
      launchKeyUsed = true;
      res.writeHead(302, {
        'Set-Cookie': `${SESSION_COOKIE}=${sessionToken}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (!hasSession(req)) {
      return send(res, 401, 'text/plain; charset=utf-8', 'Нет доступа: откройте программу по ссылке, которую она напечатала при запуске');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (url.pathname.startsWith(EXPORTS_PATH)) return serveExport(req, res, url.pathname.slice(EXPORTS_PATH.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Метод не поддерживается');
    return serveStatic(res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Только POST');
    if (req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'Чужой источник запроса');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain; charset=utf-8', 'Ожидается application/json');
    }
    let input: unknown;
    try {
      const body = await readBody(req, method === 'importRegister' ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES);
      input = body.length === 0 ? {} : (JSON.parse(body) as unknown);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'validation', message: 'Запрос не является корректным JSON' } });
    }
    sendJson(res, 200, await core.call(method, input));
  }

  /** «Скачать»: a finished export as an attachment under its Russian name. */
  function serveExport(req: IncomingMessage, res: ServerResponse, jobId: string): void {
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Только GET');
    // Another site's page cannot make the browser fetch it (the cookie is SameSite=Strict too).
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return send(res, 403, 'text/plain; charset=utf-8', 'Чужой источник запроса');
    }
    const file = core.exports.finishedFile(decodeURIComponent(jobId));
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Файл выгрузки не найден: запустите выгрузку снова');
    res.writeHead(200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': attachmentDisposition(file.fileName),
      'Content-Length': statSync(file.path).size,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    createReadStream(file.path).pipe(res);
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(staticDir, relative);
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return send(res, 404, 'text/plain; charset=utf-8', 'Не найдено');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(host),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  function hasSession(req: IncomingMessage): boolean {
    const cookie = req.headers.cookie ?? '';
    for (const part of cookie.split(';')) {
      const [name, value] = part.trim().split('=');
      if (name === SESSION_COOKIE && value && safeEqual(value, sessionToken)) return true;
    }
    return false;
  }

  server.on('upgrade', (req, socket, head) => {
    if (req.headers.host !== host || req.headers.origin !== origin || !hasSession(req) || req.url !== '/events') {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', () => ws.close(1008, 'events are one-way'));
    });
  });

  const unsubscribe = core.onChange((event) => {
    const message = JSON.stringify(event);
    for (const ws of sockets) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    launchUrl: `${origin}/?key=${launchKey}`,
    origin,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // MUI (emotion) injects its styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * `attachment` with the Russian name as RFC 5987 `filename*` (UTF-8, percent-encoded) and an ASCII
 * `filename` for clients that do not read it.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
