// The contract's side of the link to the central endpoint: first-run choice, connect, log in (online
// or offline), log out, and who acts. A server's refusal becomes an ApiError at the form field the
// user can fix (the address, the password) or, when no field is at fault, for the whole form.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import { ApiError, type FieldIssue } from '../../../shared/contract/errors.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { ServerLinkState } from '../../../shared/contract/server-link-schemas.js';
import type { Actor } from '../../../shared/domain/roles.js';
import type { Logger } from '../log.js';
import { ServerClient, ServerLinkError } from '../server-link/server-client.js';
import type { ServerLink } from '../server-link/server-link.js';

export const OFFLINE_LOGIN_NOTICE =
  'Вход без связи с сервером: изменения сохраняются на этом рабочем месте и уйдут на сервер после входа при связи.';
const LOG_IN_FIRST = 'Войдите в программу: рабочее место подключено к серверу, а вход не выполнен.';
const CHECK_TIMEOUT_MS = 3_000;

type Form = 'connect' | 'login';

export class ServerLinkService {
  constructor(
    private readonly link: ServerLink,
    private readonly announce: (event: ChangeEvent) => void,
    private readonly log: Logger,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  state(): ServerLinkState {
    return this.link.status();
  }

  /**
   * The acting user when the workstation works with a server: the logged-in server user (the login
   * is the author of events and ops); refused while nobody is logged in. null when standalone or on
   * first run: «Рабочее место» decides then.
   */
  serverActor(): Actor | null {
    const state = this.link.status();
    if (state.mode !== 'server') return null;
    if (!state.user) throw new ApiError({ code: 'unauthorized', message: LOG_IN_FIRST });
    return { userId: state.user.login, role: state.user.role, district: state.user.district };
  }

  chooseStandalone(): ServerLinkState {
    const state = this.link.status();
    if (state.mode === 'server') {
      throw new ApiError({ code: 'conflict', message: 'Рабочее место уже подключено к серверу: работа без сервера выбирается только при первом запуске.' });
    }
    return this.changed(this.link.chooseStandalone());
  }

  async connect(input: ApiParsedInput<'connectToServer'>): Promise<ServerLinkState> {
    const state = this.link.status();
    if (state.mode === 'server' && state.user) {
      throw new ApiError({ code: 'conflict', message: 'Рабочее место уже подключено к серверу, вход выполнен.' });
    }
    try {
      const next = await this.link.connect(input.serverUrl, input.login, input.password, input.workstationName);
      this.log.info({ serverUrl: next.mode === 'server' ? next.serverUrl : null }, 'workstation connected to the server');
      return this.changed(next);
    } catch (error) {
      throw this.refusal(error, 'connect');
    }
  }

  async logIn(input: ApiParsedInput<'logIn'>): Promise<ApiOutput<'logIn'>> {
    if (this.link.status().mode !== 'server') {
      throw new ApiError({ code: 'conflict', message: 'Рабочее место не подключено к серверу: вход не нужен.' });
    }
    try {
      const state = this.changed(await this.link.login(input.login, input.password));
      const offline = state.mode === 'server' && state.offline;
      this.log.info({ offline }, 'user logged in');
      return { state, notice: offline ? OFFLINE_LOGIN_NOTICE : null };
    } catch (error) {
      // A refused login can also have marked the workstation revoked.
      this.announce({ entity: 'serverLink', ids: [] });
      throw this.refusal(error, 'login');
    }
  }

  async logOut(): Promise<ServerLinkState> {
    if (this.link.status().mode !== 'server') return this.link.status();
    return this.changed(await this.link.logout());
  }

  async checkServer(): Promise<ApiOutput<'checkServer'>> {
    const state = this.link.status();
    if (state.mode !== 'server') return { reachable: false };
    const timeout: typeof fetch = (url, init) => this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    try {
      await new ServerClient(state.serverUrl, timeout).health();
      return { reachable: true };
    } catch {
      return { reachable: false };
    }
  }

  private changed(state: ServerLinkState): ServerLinkState {
    this.announce({ entity: 'serverLink', ids: [] });
    return state;
  }

  /** The server's Russian message at the field the user can act on. */
  private refusal(error: unknown, form: Form): unknown {
    if (!(error instanceof ServerLinkError)) return error;
    const issue = (path: string): ApiError =>
      new ApiError({ code: error.kind === 'offline' ? 'not_found' : 'unauthorized', message: error.message, issues: [{ path, message: error.message }] });
    // Unreachable, not an address, not our server: the address field (the login form has none).
    if (error.kind === 'offline' || error.code === null) return form === 'connect' ? issue('serverUrl') : issue('password');
    switch (error.code) {
      case 'unauthorized':
      case 'rate_limited':
        return issue('password');
      case 'validation':
        return new ApiError({ code: 'validation', message: error.message, issues: error.issues.map(fieldOf) });
      case 'conflict':
        return new ApiError({ code: 'conflict', message: error.message });
      default:
        // A disabled user, a revoked workstation or one registered in another district: nothing in the form to fix.
        return new ApiError({ code: 'unauthorized', message: error.message });
    }
  }
}

function fieldOf(issue: { path: string; message: string }): FieldIssue {
  return { path: issue.path === 'name' ? 'workstationName' : issue.path, message: issue.message };
}
