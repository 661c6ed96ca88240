export { DownloadManager } from './download-manager';
export type { DownloadItem, DownloadManagerOptions, DownloadState, DownloadStatus } from './download-manager';
export type { RemovalResult, RemovalTarget, StoredBlob, StoreUsage } from './blob-store';
export type { DiskIo } from './disk-io';
export type { RetryOptions } from './retry-policy';
export { confinePath, isSha256 } from './store-paths';
