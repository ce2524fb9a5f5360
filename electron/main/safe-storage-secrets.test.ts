// The Electron shell's secret store without Electron: a fake keychain with safeStorage's surface.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../core/server-link/secret-store.js';
import { SafeStorageSecretStore } from './safe-storage-secrets.js';

type Backend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

/** Like safeStorage: opaque bytes out, the same text back only from the same keychain. */
function fakeKeychain(key: number, backend: Backend = 'gnome_libsecret', available = true) {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text: string) => flip(Buffer.from(`v10${text}`)),
    decryptString: (data: Buffer) => {
      const text = flip(data).toString();
      if (!text.startsWith('v10')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice(3);
    },
  };
}

const SESSION = JSON.stringify({ refreshToken: 'refresh-token-of-ivanova', accessToken: 'jwt' });

describe('secrets in the Electron shell', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'appeals-safe-')), 'secrets');
    return () => rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('encrypt with the OS keychain: the file holds no token, is readable only by its owner, and reads back', () => {
    const store = new SafeStorageSecretStore(dir, fakeKeychain(0x5a), 'win32');
    expect(store.encrypted).toBe(true);
    store.write('server-session', SESSION);
    const onDisk = readFileSync(join(dir, 'server-session'), 'utf8');
    expect(onDisk).not.toContain('refresh-token-of-ivanova');
    expect(statSync(join(dir, 'server-session')).mode & 0o777).toBe(0o600);
    expect(store.read('server-session')).toBe(SESSION);
    store.remove('server-session');
    expect(store.read('server-session')).toBeNull();
  });

  it('treat a file another keychain encrypted (a copied data folder) as no secret: the user logs in again', () => {
    new SafeStorageSecretStore(dir, fakeKeychain(0x5a), 'darwin').write('server-session', SESSION);
    expect(new SafeStorageSecretStore(dir, fakeKeychain(0x21), 'darwin').read('server-session')).toBeNull();
  });

  it('keep plain 0600 files when Linux has no keychain but Chromium’s fixed key, or no encryption at all', () => {
    for (const keychain of [fakeKeychain(0x5a, 'basic_text'), fakeKeychain(0x5a, 'unknown', false)]) {
      const store = new SafeStorageSecretStore(dir, keychain, 'linux');
      expect(store.encrypted).toBe(false);
      store.write('offline-logins', '[]');
      expect(new FileSecretStore(dir).read('offline-logins')).toBe('[]');
    }
  });

  it('read a plain file written before a keychain appeared, and encrypt the next write', () => {
    new FileSecretStore(dir).write('server-session', SESSION);
    const store = new SafeStorageSecretStore(dir, fakeKeychain(0x5a, 'kwallet6'), 'linux');
    expect(store.read('server-session')).toBe(SESSION);
    store.write('server-session', SESSION);
    expect(readFileSync(join(dir, 'server-session'), 'utf8')).not.toContain('refresh-token-of-ivanova');
    expect(store.read('server-session')).toBe(SESSION);
  });
});
