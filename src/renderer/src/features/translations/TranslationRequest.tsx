import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import type { TranslationTargetType } from '../../../../shared/wire/entities';
import { useDb } from '../../data/data-context';
import type { CachedTranslation, CachedTranslationRequest } from '../../data/db';
import { newId } from '../../data/ids';
import { enqueueWrites } from '../../data/outbox';
import { languageName } from '../library/names';

/**
 * A reader who finds a post or news item in none of their languages asks for it in one of
 * them (a write like any other: offline, through the outbox). Their own requests show here,
 * waiting, open, or fulfilled with the translator's name: this is where they learn of it
 * (the Activity screen of the roles work is not on main yet).
 */
export function TranslationRequestControl({
  target,
  translations,
  languages,
  readerId,
  locale,
}: {
  target: { type: TranslationTargetType; id: string; language: ContentLanguage };
  translations: readonly CachedTranslation[];
  languages: readonly ContentLanguage[];
  readerId: string | undefined;
  locale: string;
}): React.JSX.Element | null {
  const { t } = useTranslation('translations');
  const db = useDb();
  const selectId = useId();
  const [asking, setAsking] = useState(false);
  const [withdrawFailed, setWithdrawFailed] = useState(false);
  const mine = useLiveQuery(async () => {
    const requests = await db.translationRequests
      .where('[targetType+targetId]')
      .equals([target.type, target.id])
      .toArray();
    const own = requests.filter((request) => request.requesterId === readerId);
    return Promise.all(
      own.map(async (request) => {
        const translation = request.fulfilledBy === null ? undefined : await db.translations.get(request.fulfilledBy);
        const translatorId = translation?.authorId;
        const translator = translatorId === undefined ? undefined : await db.users.get(translatorId);
        return { request, translator: translator?.displayName };
      }),
    );
  }, [db, target.type, target.id, readerId]);
  if (mine === undefined || readerId === undefined) return null;

  const readable = new Set<string>(translations.map((translation) => translation.language));
  const askable = languages.filter(
    (language) =>
      language !== target.language &&
      !readable.has(language) &&
      !mine.some(({ request }) => request.language === language),
  );
  const inMyLanguages = languages.includes(target.language) || languages.some((language) => readable.has(language));
  const ask = async (language: ContentLanguage): Promise<void> => {
    setAsking(false);
    await enqueueWrites(db, [
      {
        name: 'translationRequest.create',
        args: { id: newId(), targetType: target.type, targetId: target.id, language },
      },
    ]);
  };

  // Withdrawn at once here (the optimistic write removes the row); the server follows at the next push.
  const withdraw = async (request: CachedTranslationRequest): Promise<void> => {
    setWithdrawFailed(false);
    try {
      await enqueueWrites(db, [{ name: 'translationRequest.delete', args: { id: request.id } }]);
    } catch {
      setWithdrawFailed(true);
    }
  };

  return (
    <div className="translation-requests">
      {mine.map(({ request, translator }) => (
        <div key={request.id} className="translation-request-line">
          <p className="help" role="status">
            {request.fulfilledBy !== null
              ? t('request.fulfilled', {
                  language: languageName(request.language, locale),
                  name: translator ?? t('request.someone'),
                })
              : request.version === 0
                ? t('request.waiting', { language: languageName(request.language, locale) })
                : t('request.open', { language: languageName(request.language, locale) })}
          </p>
          {request.fulfilledBy === null ? (
            <button
              type="button"
              className="button-quiet"
              aria-label={t('request.withdrawLabel', { language: languageName(request.language, locale) })}
              onClick={() => void withdraw(request)}
            >
              {t('request.withdraw')}
            </button>
          ) : null}
        </div>
      ))}
      {withdrawFailed ? (
        <p className="field-error" role="alert">
          {t('request.withdrawFailed')}
        </p>
      ) : null}
      {inMyLanguages || askable.length === 0 ? null : asking ? (
        <form
          className="translation-request-form"
          onSubmit={(event) => {
            event.preventDefault();
            const value = new FormData(event.currentTarget).get('language');
            const language = askable.find((candidate) => candidate === value);
            if (language !== undefined) void ask(language);
          }}
        >
          <label htmlFor={selectId}>{t('request.into')}</label>
          <select id={selectId} name="language" defaultValue={askable[0]}>
            {askable.map((language) => (
              <option key={language} value={language}>
                {languageName(language, locale)}
              </option>
            ))}
          </select>
          <button type="submit" className="button-secondary">
            {t('request.send')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setAsking(false)}>
            {t('request.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" className="button-quiet" onClick={() => setAsking(true)}>
          {t('request.ask')}
        </button>
      )}
    </div>
  );
}
