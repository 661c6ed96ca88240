import type { DownloadState } from '../../shared/contract';

export interface DownloadSummary {
  /** Documents queued or under way. */
  active: number;
  receivedBytes: number;
  totalBytes: number;
}

const ACTIVE = new Set<DownloadState['status']>(['queued', 'downloading', 'verifying']);

/**
 * Follows the download manager's `files.changed` events for the tray's
 * progress line, and tells when a batch of downloads has finished (the last
 * active one ended and at least one succeeded): that is worth one
 * notification, not one per document.
 */
export class DownloadActivity {
  private readonly active = new Map<string, { received: number; total: number }>();
  private finishedInBatch = 0;

  /** Returns the number of documents the batch made available offline when it ends, else null. */
  update(state: DownloadState): number | null {
    if (ACTIVE.has(state.status)) {
      this.active.set(state.sha256, { received: state.receivedBytes, total: state.totalBytes });
      return null;
    }
    if (!this.active.delete(state.sha256)) return null;
    if (state.status === 'done') this.finishedInBatch += 1;
    if (this.active.size > 0 || this.finishedInBatch === 0) return null;
    const finished = this.finishedInBatch;
    this.finishedInBatch = 0;
    return finished;
  }

  summary(): DownloadSummary {
    let receivedBytes = 0;
    let totalBytes = 0;
    for (const { received, total } of this.active.values()) {
      receivedBytes += received;
      totalBytes += total;
    }
    return { active: this.active.size, receivedBytes, totalBytes };
  }
}
