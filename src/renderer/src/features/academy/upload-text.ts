import type { TFunction } from 'i18next';
import type { AppErrorValue } from '../../../../shared/result';
import { MAX_UPLOAD_BYTES } from '../../../../shared/uploads';
import { formatBytes } from '../../ui/format';

const KNOWN = new Set([
  'too-large',
  'quota-exceeded',
  'forbidden',
  'hash-mismatch',
  'disk-full',
  'storage-failed',
  'not-found',
]);

/** Why a file could not be attached or uploaded, in the user's language. */
export function uploadErrorText(t: TFunction<'academy'>, error: AppErrorValue | undefined, locale: string): string {
  if (error !== undefined && KNOWN.has(error.code)) {
    return t(`editor.upload.errors.${error.code}`, { max: formatBytes(MAX_UPLOAD_BYTES, locale) });
  }
  return t('editor.upload.errors.other', { message: error?.message ?? '' });
}

export function percentOf(done: number, total: number): number {
  return total <= 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));
}
