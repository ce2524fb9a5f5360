// Server tokens and offline-login verifiers in the Electron shell: encrypted with safeStorage (the
// OS keychain: DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux) and written as 0600
// files by the core's FileSecretStore. Without a real keychain (Linux without one has only
// Chromium's fixed 'basic_text' key) the secrets stay plain 0600 files, as in the browser shell:
// encryption under a key every copy of Chromium knows would only pretend.
import type { SafeStorage } from 'electron';
import { FileSecretStore, type SecretStore } from '../core/server-link/secret-store.js';

type Keychain = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** Marks an encrypted file, so a plain one written before a keychain appeared is still read. */
const ENCRYPTED = 'safeStorage:';

export class SafeStorageSecretStore implements SecretStore {
  private readonly files: FileSecretStore;

  constructor(
    dir: string,
    private readonly keychain: Keychain,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.files = new FileSecretStore(dir);
  }

  /** Whether secrets are encrypted by the OS keychain here (after app ready). */
  get encrypted(): boolean {
    if (!this.keychain.isEncryptionAvailable()) return false;
    // getSelectedStorageBackend exists on Linux only.
    return this.platform !== 'linux' || this.keychain.getSelectedStorageBackend() !== 'basic_text';
  }

  read(name: string): string | null {
    const stored = this.files.read(name);
    if (stored === null || !stored.startsWith(ENCRYPTED)) return stored;
    try {
      return this.keychain.decryptString(Buffer.from(stored.slice(ENCRYPTED.length), 'base64'));
    } catch {
      // Another user's or another machine's keychain (a copied data folder): the user logs in again.
      return null;
    }
  }

  write(name: string, value: string): void {
    this.files.write(name, this.encrypted ? ENCRYPTED + this.keychain.encryptString(value).toString('base64') : value);
  }

  remove(name: string): void {
    this.files.remove(name);
  }
}
