import type { Database } from './db/database';
import type { BlobStore } from './files/blob-store';
import type { LiveHub } from './sync/live-hub';

export interface ServerLimits {
  /** JSON bodies (push, login). */
  readonly bodyBytes: number;
  readonly uploadBytes: number;
  /** What one account's uploads may add up to (each file counted once per uploader). */
  readonly uploadQuotaBytes: number;
  /** An upload nothing references is collected this long after it was last sent. */
  readonly uploadGraceSeconds: number;
  readonly pullBytes: number;
  readonly tokenTtlSeconds: number;
  /** How long after expiry a token may still be refreshed. */
  readonly refreshGraceSeconds: number;
  /** A session (a chain of refreshed tokens) ends this long after its sign-in, whatever happens. */
  readonly sessionMaxSeconds: number;
  /**
   * A refreshed token presented again this soon, while its successor was never used, is a lost
   * answer on a bad network, not a stolen token: it gets a new successor instead of ending the session.
   */
  readonly refreshRetrySeconds: number;
  /** Failed sign-ins for one account from one address before each further one is slowed down. */
  readonly loginAttempts: number;
  /** Failures older than this (with none since) are forgotten. */
  readonly loginWindowSeconds: number;
  /** The longest wait a run of failures can impose (the delays double up to it). */
  readonly loginDelayMaxSeconds: number;
  readonly heartbeatSeconds: number;
  /** Tombstones and dedupe records older than this are pruned (daily). */
  readonly retentionDays: number;
  /** A connection that sends and receives nothing for this long is closed (the live stream's heartbeats keep it open). */
  readonly idleTimeoutSeconds: number;
  /** The whole request (headers and body: an upload on a slow link) must arrive within this. */
  readonly requestTimeoutSeconds: number;
  /** The request headers must arrive within this (slow-header clients hold no socket longer). */
  readonly headersTimeoutSeconds: number;
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveTimeoutSeconds: number;
}

/** What the routes share: storage, the live hub, a clock and the limits. */
export interface ServerContext {
  readonly db: Database;
  readonly blobs: BlobStore;
  readonly live: LiveHub;
  readonly now: () => Date;
  readonly limits: ServerLimits;
}
