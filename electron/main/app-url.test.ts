import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appUrl } from './app-url.js';
import { contentSecurityPolicy } from './csp.js';

describe('appUrl (packaged renderer)', () => {
  const index = '/opt/Контроль обращений/out/renderer/index.html';
  const url = appUrl(index, undefined, 'linux');

  it('loads and trusts the renderer index, with any hash or query', () => {
    expect(url.href).toBe(pathToFileURL(index).href);
    expect(url.isAppUrl(url.href)).toBe(true);
    expect(url.isAppUrl(`${url.href}#/appeals/42`)).toBe(true);
    expect(url.isAppUrl(`${url.href}?x=1`)).toBe(true);
    expect(url.isAppUrl('file:///opt/%D0%9A%D0%BE%D0%BD%D1%82%D1%80%D0%BE%D0%BB%D1%8C%20%D0%BE%D0%B1%D1%80%D0%B0%D1%89%D0%B5%D0%BD%D0%B8%D0%B9/out/renderer/index.html')).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(url.isAppUrl('file:///opt/Контроль обращений/out/renderer/other.html')).toBe(false);
    expect(url.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(url.isAppUrl('file://evil-host/opt/Контроль обращений/out/renderer/index.html')).toBe(false);
    expect(url.isAppUrl('https://example.com/index.html')).toBe(false);
    expect(url.isAppUrl('about:blank')).toBe(false);
    expect(url.isAppUrl('not a url')).toBe(false);
    expect(url.isAppUrl('')).toBe(false);
  });

  it('compares paths case-insensitively where the file system does', () => {
    const win = appUrl('/Users/Op/app/out/renderer/index.html', undefined, 'darwin');
    expect(win.isAppUrl('file:///users/op/APP/out/renderer/index.html')).toBe(true);
    expect(url.isAppUrl('file:///OPT/Контроль обращений/out/renderer/index.html')).toBe(false);
  });
});

describe('appUrl (dev server)', () => {
  const url = appUrl('/x/out/renderer/index.html', 'http://localhost:5173', 'linux');

  it('trusts the dev server origin only', () => {
    expect(url.devServerOrigin).toBe('http://localhost:5173');
    expect(url.isAppUrl('http://localhost:5173/')).toBe(true);
    expect(url.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(url.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(url.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(url.isAppUrl('file:///x/out/renderer/index.html')).toBe(false);
    expect(url.isAppOrigin('http://localhost:5173')).toBe(true);
  });

  it('rejects a non-http dev server URL', () => {
    expect(() => appUrl('/x/index.html', 'file:///etc/passwd', 'linux')).toThrow(/not an http/);
  });
});

describe('contentSecurityPolicy', () => {
  it('is strict in production', () => {
    const csp = contentSecurityPolicy(null);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('lets the dev server in during development only', () => {
    const csp = contentSecurityPolicy('http://localhost:5173');
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
  });
});
