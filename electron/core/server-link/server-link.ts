// The workstation's link to the central endpoint: standalone (no server) or connected to one
// server; who is logged in, online or from the offline-login cache; and a fresh access token for
// the sync client. The choice is kept in server-link.json in the data folder, tokens and offline
// verifiers in the SecretStore.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCityWide } from '../../../shared/domain/roles.js';
import type { LoginOutput, UserProfile } from '../../../shared/server-api/identity.js';
import { OfflineLogins } from './offline-logins.js';
import type { SecretStore } from './secret-store.js';
import { ServerClient, ServerLinkError } from './server-client.js';

export type LinkStatus =
  | { readonly mode: 'unset' }
  | { readonly mode: 'standalone' }
  | {
      readonly mode: 'server';
      readonly serverUrl: string;
      /** null until someone logs in. */
      readonly user: UserProfile | null;
      /** Logged in from the offline cache: nothing syncs until an online login. */
      readonly offline: boolean;
      /** The server said this workstation is revoked. */
      readonly deviceRevoked: boolean;
    };

export interface ServerLinkOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
  /** Called when the server ends the session by itself (a refused refresh): the UI shows the login. */
  readonly onSessionEnded?: () => void;
  /** Called when an offline login became an online one by itself (the server came back). */
  readonly onSessionStarted?: () => void;
}

interface SavedChoice {
  readonly mode: 'standalone' | 'server';
  readonly serverUrl?: string;
}

interface SavedSession {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: number;
  readonly refreshToken: string;
  readonly user: UserProfile;
}

const CHOICE_FILE = 'server-link.json';
const SESSION_SECRET = 'server-session';
/** Refresh the access token this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

export class ServerLink {
  private readonly now: () => number;
  private readonly offlineLogins: OfflineLogins;
  private choice: SavedChoice | null;
  private user: UserProfile | null = null;
  private offline = false;
  private deviceRevoked = false;
  /**
   * After a login from the offline cache, the credentials it was checked with, in memory only (never
   * written): when the server can be reached again the online login happens by itself, so the
   * changes made meanwhile go to the server without the user logging in twice.
   */
  private offlineCredentials: { readonly login: string; readonly password: string } | null = null;

  constructor(private readonly options: ServerLinkOptions) {
    this.now = options.now ?? Date.now;
    this.offlineLogins = new OfflineLogins(options.secrets);
    this.choice = readChoice(join(options.dataDir, CHOICE_FILE));
    this.user = this.readSession()?.user ?? null;
  }

  status(): LinkStatus {
    if (!this.choice) return { mode: 'unset' };
    if (this.choice.mode === 'standalone') return { mode: 'standalone' };
    return { mode: 'server', serverUrl: this.choice.serverUrl ?? '', user: this.user, offline: this.offline, deviceRevoked: this.deviceRevoked };
  }

  /** Work without a server: nothing syncs; the choice can be changed later by connecting. */
  chooseStandalone(): LinkStatus {
    this.saveChoice({ mode: 'standalone' });
    return this.status();
  }

  /** First run: check the server, log in, register this workstation in the user's district. Nothing is saved unless all succeed. */
  async connect(serverUrl: string, login: string, password: string, deviceName = this.options.deviceName): Promise<LinkStatus> {
    const client = new ServerClient(serverUrl, this.options.fetch);
    await client.health();
    const session = await client.login({ login, password, deviceId: this.options.deviceId });
    const district = isCityWide(session.user.role) ? null : session.user.district;
    await client.registerDevice(session.accessToken, { id: this.options.deviceId, name: deviceName, district });
    this.saveChoice({ mode: 'server', serverUrl: client.baseUrl });
    await this.startSession(session, login, password);
    return this.status();
  }

  /** Log in online; when the server cannot be reached, from the offline cache. */
  async login(login: string, password: string): Promise<LinkStatus> {
    const client = this.client();
    try {
      const session = await client.login({ login, password, deviceId: this.options.deviceId });
      await this.startSession(session, login, password);
    } catch (error) {
      if (!(error instanceof ServerLinkError)) throw error;
      if (error.code === 'device_revoked') this.deviceRevoked = true;
      if (error.kind !== 'offline') throw error;
      const user = await this.offlineLogins.check(login, password, this.now());
      if (!user) {
        throw new ServerLinkError(
          'refused',
          'Сервер недоступен, а войти без него можно только тем, кто уже входил на этом рабочем месте за последние 30 дней, с тем же паролем.',
        );
      }
      this.user = user;
      this.offline = true;
      this.offlineCredentials = { login, password };
    }
    return this.status();
  }

  async logout(): Promise<LinkStatus> {
    const session = this.readSession();
    this.options.secrets.remove(SESSION_SECRET);
    this.user = null;
    this.offline = false;
    this.offlineCredentials = null;
    if (session && this.choice?.mode === 'server') {
      await this.client().logout(session.refreshToken).catch(() => undefined);
    }
    return this.status();
  }

  /**
   * A valid access token for the sync client, refreshed when it is about to expire. Throws a
   * ServerLinkError: 'offline' when the server cannot be reached, 'refused' when the session ended
   * (the user must log in again) or the workstation was revoked.
   */
  async accessToken(): Promise<string> {
    if (this.offline && this.offlineCredentials && this.choice?.mode === 'server') return this.loginOnlineAfterOffline(this.offlineCredentials);
    const session = this.readSession();
    if (!session || this.choice?.mode !== 'server') throw new ServerLinkError('refused', 'Войдите, чтобы синхронизировать данные', 'unauthorized');
    if (session.accessTokenExpiresAt - REFRESH_MARGIN_MS > this.now()) return session.accessToken;
    try {
      const renewed = await this.client().refresh(session.refreshToken);
      this.saveSession(renewed);
      this.user = renewed.user;
      this.offline = false;
      return renewed.accessToken;
    } catch (error) {
      if (error instanceof ServerLinkError && error.kind === 'refused') {
        if (error.code === 'device_revoked') this.deviceRevoked = true;
        this.options.secrets.remove(SESSION_SECRET);
        this.user = null;
        this.options.onSessionEnded?.();
      }
      throw error;
    }
  }

  /**
   * The online login an offline login stood in for, once the server answers. Still unreachable: the
   * 'offline' error (nothing changes). Refused (the password was changed on the server, the user
   * disabled, the workstation revoked): the offline session ends and the login screen comes.
   */
  private async loginOnlineAfterOffline(credentials: { login: string; password: string }): Promise<string> {
    try {
      const session = await this.client().login({ login: credentials.login, password: credentials.password, deviceId: this.options.deviceId });
      await this.startSession(session, credentials.login, credentials.password);
      this.options.onSessionStarted?.();
      return session.accessToken;
    } catch (error) {
      // Only a refusal of who this is ends it; a rate limit or a server fault is tried again later.
      if (error instanceof ServerLinkError && error.kind === 'refused' && (error.code === 'unauthorized' || error.code === 'forbidden' || error.code === 'device_revoked')) {
        if (error.code === 'device_revoked') this.deviceRevoked = true;
        this.offlineCredentials = null;
        this.offline = false;
        this.user = null;
        this.options.onSessionEnded?.();
      }
      throw error;
    }
  }

  private async startSession(session: LoginOutput, login: string, password: string): Promise<void> {
    this.saveSession(session);
    await this.offlineLogins.remember(login, password, session.user, this.now());
    this.user = session.user;
    this.offline = false;
    this.offlineCredentials = null;
    this.deviceRevoked = false;
  }

  private client(): ServerClient {
    if (this.choice?.mode !== 'server' || !this.choice.serverUrl) {
      throw new ServerLinkError('refused', 'Рабочее место не подключено к серверу');
    }
    return new ServerClient(this.choice.serverUrl, this.options.fetch);
  }

  private saveChoice(choice: SavedChoice): void {
    const file = join(this.options.dataDir, CHOICE_FILE);
    writeFileSync(`${file}.tmp`, JSON.stringify(choice, null, 2));
    renameSync(`${file}.tmp`, file);
    this.choice = choice;
  }

  private saveSession(session: LoginOutput): void {
    const saved: SavedSession = {
      accessToken: session.accessToken,
      accessTokenExpiresAt: session.accessTokenExpiresAt,
      refreshToken: session.refreshToken,
      user: session.user,
    };
    this.options.secrets.write(SESSION_SECRET, JSON.stringify(saved));
  }

  private readSession(): SavedSession | null {
    const raw = this.options.secrets.read(SESSION_SECRET);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as SavedSession;
    } catch {
      return null;
    }
  }
}

function readChoice(file: string): SavedChoice | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedChoice>;
    if (parsed.mode === 'standalone') return { mode: 'standalone' };
    if (parsed.mode === 'server' && typeof parsed.serverUrl === 'string') return { mode: 'server', serverUrl: parsed.serverUrl };
    return null;
  } catch {
    return null;
  }
}
