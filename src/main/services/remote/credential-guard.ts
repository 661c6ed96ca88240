import { AppError } from '../../../shared/result';

/**
 * The last line between a session token and the wrong server. Every token
 * this process holds is remembered with the origin that issued it; a request
 * carrying `Authorization: Bearer <token>` leaves only for that origin.
 * (A redirect to another origin drops the header, as the Fetch standard says
 * and Node's fetch does: a test holds it to that.) Whatever a setting, a
 * switch or a renderer call says about the server address, a token from
 * server A cannot reach server B.
 */
export class TokenIssuers {
  private readonly issuers = new Map<string, string>();

  /** The newest few tokens only: older ones are revoked or expired, and their requests long gone. */
  remember(token: string, origin: string): void {
    this.issuers.delete(token);
    this.issuers.set(token, origin);
    while (this.issuers.size > 8) {
      const oldest = this.issuers.keys().next().value;
      if (oldest === undefined) break;
      this.issuers.delete(oldest);
    }
  }

  issuerOf(token: string): string | undefined {
    return this.issuers.get(token);
  }
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function bearerOf(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): string | undefined {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  const match = /^Bearer (.+)$/u.exec(headers.get('authorization') ?? '');
  return match?.[1];
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (input instanceof Request) return input.url;
  return input instanceof URL ? input.href : input;
}

/** Thrown instead of sending a token anywhere but to its issuer. */
export class CredentialRefused extends AppError {
  constructor(message: string) {
    super('signed-out', message);
    this.name = 'CredentialRefused';
  }
}

export function guardCredentials(fetchImpl: typeof fetch, issuers: TokenIssuers): typeof fetch {
  return async (input, init) => {
    const token = bearerOf(input, init);
    if (token === undefined) return fetchImpl(input, init);
    const target = originOf(urlOf(input));
    const issuer = issuers.issuerOf(token);
    if (issuer === undefined || target !== issuer) {
      throw new CredentialRefused(
        `This session belongs to ${issuer ?? 'another server'}; it is never sent to ${target ?? 'another address'}.`,
      );
    }
    return fetchImpl(input, init);
  };
}
