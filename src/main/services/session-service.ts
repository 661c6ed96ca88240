import { z } from 'zod';
import type { SessionStatus } from '../../shared/contract';
import { AppError } from '../../shared/result';
import {
  LoginResponseSchema,
  LogoutResponseSchema,
  RefreshResponseSchema,
  RevokeSessionsResponseSchema,
  SessionUserSchema,
  type LoginResponse,
  type RevokeSessionsResponse,
} from '../../shared/wire/auth';
import type { SecretStore } from '../host/host';
import type { Emit } from './events';
import { originOf, type TokenIssuers } from './remote/credential-guard';
import { toAppError } from './remote/errors';
import { RemoteError, type RemoteClient } from './remote/remote-client';
import type { SessionAccounts } from './session-accounts';

const SECRET_KEY = 'session';
/** Refresh a little before expiry, so a long pull does not die halfway. */
const REFRESH_MARGIN_MS = 60_000;

const StoredSessionSchema = z.object({
  token: z.string().min(1),
  expiresAt: z.string(),
  /** The server that issued the token: the only one it is ever sent to. */
  serverUrl: z.string(),
  user: SessionUserSchema,
  expired: z.boolean().default(false),
});
type StoredSession = z.infer<typeof StoredSessionSchema>;

export interface SessionServiceOptions {
  secrets: SecretStore;
  remote: RemoteClient;
  /** The server address the settings name now. */
  serverUrl: () => string;
  emit: Emit;
  /** Remembers which origin issued each token (see guardCredentials). */
  issuers: TokenIssuers;
  accounts: SessionAccounts;
  now?: () => number;
}

/**
 * The signed-in session. The token lives only here and in the encrypted
 * secret store: it never reaches the renderer or IndexedDB. It is bound to
 * the server that issued it: while the settings name another server (the
 * `--server` switch), the session is held, not used, and the app is signed
 * out there; changing the address in the app signs out first. An expired
 * token gets one single-flight refresh; if that fails the session is marked
 * expired, sync pauses, and the user is asked to sign in again.
 */
export class SessionService {
  private session: StoredSession | null = null;
  private refreshing: Promise<StoredSession> | null = null;
  private readonly now: () => number;

  private constructor(private readonly options: SessionServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  static async open(options: SessionServiceOptions): Promise<SessionService> {
    const service = new SessionService(options);
    const stored = await options.secrets.get(SECRET_KEY);
    if (stored !== null) {
      const parsed = StoredSessionSchema.safeParse(safeJson(stored));
      service.session = parsed.success ? parsed.data : null;
    }
    const session = service.session;
    const origin = session === null ? undefined : originOf(session.serverUrl);
    if (session !== null && origin !== undefined) {
      options.issuers.remember(session.token, origin);
      // A cache made before accounts were named per server belongs to the server signed in then.
      await options.accounts.claim(session.user.id, origin);
    }
    return service;
  }

  /** The stored session, if it was issued by the server the settings name now. */
  private bound(): StoredSession | null {
    const session = this.session;
    if (session === null) return null;
    const origin = originOf(session.serverUrl);
    return origin !== undefined && origin === originOf(this.options.serverUrl()) ? session : null;
  }

  status(): SessionStatus {
    const base = { secretsEncrypted: this.options.secrets.encrypted, serverUrl: this.options.serverUrl() };
    const session = this.bound();
    if (session === null) return { ...base, state: 'signed-out' };
    return {
      ...base,
      state: session.expired ? 'expired' : 'signed-in',
      serverUrl: session.serverUrl,
      user: session.user,
      expiresAt: session.expiresAt,
      account: this.accountOf(session),
    };
  }

  /** The account (server and user) whose cache and outbox are in use; null when signed out. */
  account(): string | null {
    const session = this.bound();
    return session === null ? null : this.accountOf(session);
  }

  private accountOf(session: StoredSession): string {
    return this.options.accounts.keyOf(session.user.id, originOf(session.serverUrl) ?? session.serverUrl);
  }

  isActive(): boolean {
    const session = this.bound();
    return session !== null && !session.expired;
  }

  /** Whether the settings may name `serverUrl` without signing out first. */
  allowsServer(serverUrl: string): boolean {
    const session = this.bound();
    return session === null || originOf(session.serverUrl) === originOf(serverUrl);
  }

  async login(email: string, password: string): Promise<SessionStatus> {
    const serverUrl = this.options.serverUrl();
    const origin = originOf(serverUrl);
    if (origin === undefined) throw new AppError('invalid-arguments', 'The server address is not valid.');
    let response: LoginResponse;
    try {
      ({ value: response } = await this.options.remote.request({
        method: 'POST',
        path: '/api/auth/login',
        body: { email, password },
        schema: LoginResponseSchema,
      }));
    } catch (error) {
      if (error instanceof RemoteError && (error.failure === 'unauthorized' || error.failure === 'invalid')) {
        throw new AppError('wrong-credentials', 'The email or the password is not right.');
      }
      throw toAppError(error);
    }
    return this.begin(response, serverUrl, origin);
  }

  /**
   * Signs in with a session the server issued another way (an invitation redeemed: people-service.ts),
   * bound to the server the settings name, as a sign-in is.
   */
  async adopt(response: LoginResponse): Promise<SessionStatus> {
    const serverUrl = this.options.serverUrl();
    const origin = originOf(serverUrl);
    if (origin === undefined) throw new AppError('invalid-arguments', 'The server address is not valid.');
    return this.begin(response, serverUrl, origin);
  }

  private async begin(response: LoginResponse, serverUrl: string, origin: string): Promise<SessionStatus> {
    // A session held for another server (the --server switch) gives way: it is revoked there, at its own server.
    const previous = this.session;
    if (previous !== null && !previous.expired && originOf(previous.serverUrl) !== origin) {
      void this.revokeAt(previous).catch(() => undefined);
    }
    await this.options.accounts.claim(response.user.id, origin);
    await this.store({ ...response, serverUrl, expired: false });
    return this.status();
  }

  async logout(): Promise<SessionStatus> {
    const session = this.session;
    await this.clear();
    // Revoke on the server that issued it when it can be reached; the local sign-out stands either way.
    if (session !== null && !session.expired) await this.revokeAt(session).catch(() => undefined);
    return this.status();
  }

  /**
   * Ends every session of this account on the server (every computer), then
   * this one. If the server cannot be reached, nothing ends and the error
   * says why: the user must know the other computers are still signed in.
   */
  async signOutEverywhere(): Promise<SessionStatus> {
    await this.withToken((token) =>
      this.options.remote.request({
        method: 'POST',
        path: '/api/auth/sessions/revoke',
        token,
        schema: RevokeSessionsResponseSchema,
      }),
    ).catch((error: unknown) => {
      throw toAppError(error);
    });
    await this.clear();
    return this.status();
  }

  /** An admin ends every session of another account; the server checks the capability. */
  async revokeAccountSessions(userId: string): Promise<RevokeSessionsResponse> {
    return this.withToken((token) =>
      this.options.remote.request({
        method: 'POST',
        path: `/api/users/${encodeURIComponent(userId)}/sessions/revoke`,
        token,
        schema: RevokeSessionsResponseSchema,
      }),
    ).then(
      ({ value }) => value,
      (error: unknown) => {
        throw toAppError(error);
      },
    );
  }

  private async revokeAt(session: StoredSession): Promise<void> {
    await this.options.remote.request({
      method: 'POST',
      path: '/api/auth/logout',
      token: session.token,
      baseUrl: session.serverUrl,
      schema: LogoutResponseSchema,
    });
  }

  /**
   * Runs a request with the current token. A token past (or near) its expiry
   * is refreshed first; a request refused as expired is refreshed and retried once.
   */
  async withToken<T>(run: (token: string) => Promise<T>): Promise<T> {
    let session = this.requireActive();
    if (Date.parse(session.expiresAt) - this.now() < REFRESH_MARGIN_MS) session = await this.refresh(session);
    try {
      return await run(session.token);
    } catch (error) {
      if (!(error instanceof RemoteError) || (error.failure !== 'token-expired' && error.failure !== 'unauthorized')) {
        throw error;
      }
      const renewed = await this.refresh(session);
      return run(renewed.token);
    }
  }

  private requireActive(): StoredSession {
    const session = this.bound();
    if (session === null) {
      throw new AppError(
        'signed-out',
        this.session === null ? 'Sign in to sync.' : 'You are signed in to another server; sign in to this one.',
      );
    }
    if (session.expired) throw new AppError('session-expired', 'Your session has ended. Sign in again.');
    return session;
  }

  /** Single flight: concurrent callers share one refresh request. */
  private refresh(from: StoredSession): Promise<StoredSession> {
    if (this.session !== null && this.session.token !== from.token && !this.session.expired) {
      return Promise.resolve(this.session);
    }
    this.refreshing ??= this.doRefresh(from).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(from: StoredSession): Promise<StoredSession> {
    try {
      const { value } = await this.options.remote.request({
        method: 'POST',
        path: '/api/auth/refresh',
        token: from.token,
        baseUrl: from.serverUrl,
        schema: RefreshResponseSchema,
      });
      const next = { ...value, serverUrl: from.serverUrl, expired: false };
      // Signed out (or into another server) while the refresh was on its way: it is not ours to keep.
      if (this.session?.token !== from.token) throw new AppError('signed-out', 'Sign in to sync.');
      await this.store(next);
      return next;
    } catch (error) {
      if (error instanceof RemoteError && (error.failure === 'unauthorized' || error.failure === 'token-expired')) {
        if (this.session?.token === from.token) await this.store({ ...from, expired: true });
        throw new AppError('session-expired', 'Your session has ended. Sign in again.');
      }
      throw toAppError(error);
    }
  }

  private async store(session: StoredSession): Promise<void> {
    const origin = originOf(session.serverUrl);
    if (origin !== undefined) this.options.issuers.remember(session.token, origin);
    await this.options.secrets.set(SECRET_KEY, JSON.stringify(session));
    this.session = session;
    this.options.emit('session.changed', this.status());
  }

  private async clear(): Promise<void> {
    await this.options.secrets.delete(SECRET_KEY);
    this.session = null;
    this.options.emit('session.changed', this.status());
  }

  /** The settings now name another server (or the same again): tell the app what that means for the session. */
  serverChanged(): void {
    this.options.emit('session.changed', this.status());
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
