import type { Database } from './db/database';
import type { BlobStore } from './files/blob-store';
import type { LiveHub } from './sync/live-hub';

export interface ServerLimits {
  /** JSON bodies (push, login). */
  readonly bodyBytes: number;
  readonly uploadBytes: number;
  readonly pullBytes: number;
  readonly tokenTtlSeconds: number;
  /** How long after expiry a token may still be refreshed. */
  readonly refreshGraceSeconds: number;
  readonly loginAttempts: number;
  readonly loginWindowSeconds: number;
  readonly heartbeatSeconds: number;
  /** Tombstones and dedupe records older than this are pruned (daily). */
  readonly retentionDays: number;
}

/** What the routes share: storage, the live hub, a clock and the limits. */
export interface ServerContext {
  readonly db: Database;
  readonly blobs: BlobStore;
  readonly live: LiveHub;
  readonly now: () => Date;
  readonly limits: ServerLimits;
}
