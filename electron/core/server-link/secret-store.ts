// Where the workstation keeps what lets it act for a user on the central endpoint (tokens, the
// offline-login verifier). The Electron shell gives an implementation backed by safeStorage (the
// OS keychain); the browser shell and tests use files readable only by their owner.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretStore {
  read(name: string): string | null;
  write(name: string, value: string): void;
  remove(name: string): void;
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/;

/** Plain files in a folder with mode 0700, each 0600, replaced atomically. */
export class FileSecretStore implements SecretStore {
  constructor(private readonly dir: string) {}

  read(name: string): string | null {
    try {
      return readFileSync(this.path(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  write(name: string, value: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const target = this.path(name);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, value, { mode: 0o600 });
    renameSync(temp, target);
  }

  remove(name: string): void {
    rmSync(this.path(name), { force: true });
  }

  private path(name: string): string {
    if (!NAME.test(name)) throw new Error(`Bad secret name ${name}`);
    return join(this.dir, name);
  }
}
