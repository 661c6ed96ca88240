import type { TFunction } from 'i18next';
import type { AppErrorValue } from '../../../../shared/result';

const KNOWN = ['conflict', 'forbidden', 'offline', 'unavailable', 'invalid-arguments', 'not-found', 'session-expired'];

/** A failed account call, in the words of the People screen (the server's message only for the unforeseen). */
export function peopleError(t: TFunction<'people'>, error: AppErrorValue): string {
  return KNOWN.includes(error.code)
    ? t(`errors.${error.code}` as 'errors.other')
    : t('errors.other', { message: error.message });
}
