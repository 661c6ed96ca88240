import { z } from 'zod';
import type { SessionStatus } from '../../shared/contract';
import { AppError } from '../../shared/result';
import {
  LoginResponseSchema,
  LogoutResponseSchema,
  RefreshResponseSchema,
  SessionUserSchema,
  type LoginResponse,
} from '../../shared/wire/auth';
import type { SecretStore } from '../host/host';
import type { Emit } from './events';
import { toAppError } from './remote/errors';
import { RemoteError, type RemoteClient } from './remote/remote-client';

const SECRET_KEY = 'session';
/** Refresh a little before expiry, so a long pull does not die halfway. */
const REFRESH_MARGIN_MS = 60_000;

const StoredSessionSchema = z.object({
  token: z.string().min(1),
  expiresAt: z.string(),
  serverUrl: z.string(),
  user: SessionUserSchema,
  expired: z.boolean().default(false),
});
type StoredSession = z.infer<typeof StoredSessionSchema>;

export interface SessionServiceOptions {
  secrets: SecretStore;
  remote: RemoteClient;
  serverUrl: () => string;
  emit: Emit;
  now?: () => number;
}

/**
 * The signed-in session. The token lives only here and in the encrypted
 * secret store: it never reaches the renderer or IndexedDB. An expired token
 * gets one single-flight refresh; if that fails the session is marked
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
    return service;
  }

  status(): SessionStatus {
    const base = { secretsEncrypted: this.options.secrets.encrypted, serverUrl: this.options.serverUrl() };
    if (this.session === null) return { ...base, state: 'signed-out' };
    return {
      ...base,
      state: this.session.expired ? 'expired' : 'signed-in',
      serverUrl: this.session.serverUrl,
      user: this.session.user,
      expiresAt: this.session.expiresAt,
    };
  }

  isActive(): boolean {
    return this.session !== null && !this.session.expired;
  }

  async login(email: string, password: string): Promise<SessionStatus> {
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
    await this.store({ ...response, serverUrl: this.options.serverUrl(), expired: false });
    return this.status();
  }

  /** Signs in with a session the server issued another way (an invitation redeemed: people-service.ts). */
  async adopt(response: LoginResponse): Promise<SessionStatus> {
    await this.store({ ...response, serverUrl: this.options.serverUrl(), expired: false });
    return this.status();
  }

  async logout(): Promise<SessionStatus> {
    const session = this.session;
    await this.clear();
    if (session !== null && !session.expired) {
      // Revoke on the server when it can be reached; the local sign-out stands either way.
      await this.options.remote
        .request({ method: 'POST', path: '/api/auth/logout', token: session.token, schema: LogoutResponseSchema })
        .catch(() => undefined);
    }
    return this.status();
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
    if (this.session === null) throw new AppError('signed-out', 'Sign in to sync.');
    if (this.session.expired) throw new AppError('session-expired', 'Your session has ended. Sign in again.');
    return this.session;
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
        schema: RefreshResponseSchema,
      });
      const next = { ...value, serverUrl: from.serverUrl, expired: false };
      await this.store(next);
      return next;
    } catch (error) {
      if (error instanceof RemoteError && (error.failure === 'unauthorized' || error.failure === 'token-expired')) {
        await this.store({ ...from, expired: true });
        throw new AppError('session-expired', 'Your session has ended. Sign in again.');
      }
      throw toAppError(error);
    }
  }

  private async store(session: StoredSession): Promise<void> {
    await this.options.secrets.set(SECRET_KEY, JSON.stringify(session));
    this.session = session;
    this.options.emit('session.changed', this.status());
  }

  private async clear(): Promise<void> {
    await this.options.secrets.delete(SECRET_KEY);
    this.session = null;
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
