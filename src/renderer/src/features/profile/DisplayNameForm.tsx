import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisplayNameSchema } from '../../../../shared/wire/people';
import { useDb } from '../../data/data-context';
import { draftKeys } from '../../data/drafts';
import { enqueueWrites } from '../../data/outbox';
import { useQuery } from '../../ui/use-query';

/**
 * The name others see. A change is a `profile.update` write: offline like any
 * other, shown here while it waits, and if the server refuses it (another
 * account has that name, compared as the server does) the reason shows here
 * until the user dismisses it.
 */
export function DisplayNameForm({ userId, current }: { userId: string; current: string }): React.JSX.Element {
  const { t } = useTranslation('profile');
  const db = useDb();
  const ids = { name: useId(), help: useId(), state: useId() };
  const [name, setName] = useState(current);
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);

  const write = useQuery(async () => {
    const waiting = (await db.outbox.where('entityId').equals(userId).toArray()).filter(
      (item) => item.name === 'profile.update' && item.args.displayName !== undefined,
    );
    const refused = await db.drafts
      .where('key')
      .startsWith(draftKeys.refusedWrite('profile.update', userId, ''))
      .toArray();
    return {
      waiting: waiting.at(-1),
      refused: refused.filter((draft) => draft.fields['args']?.includes('displayName')),
    };
  }, [db, userId]);

  const submit = async (event: React.SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const parsed = DisplayNameSchema.safeParse(name);
    setInvalid(!parsed.success);
    setSaved(false);
    if (!parsed.success) return;
    setName(parsed.data);
    await enqueueWrites(db, [{ name: 'profile.update', args: { displayName: parsed.data } }]);
    setSaved(true);
  };

  const dismiss = async (keys: string[]): Promise<void> => {
    await db.drafts.bulkDelete(keys);
  };

  const refused = write.status === 'ready' ? write.value.refused : [];
  const waiting = write.status === 'ready' ? write.value.waiting : undefined;

  return (
    <form className="field-group" onSubmit={(event) => void submit(event)} aria-labelledby="profile-name-title">
      <h2 id="profile-name-title">{t('name.title')}</h2>
      <label htmlFor={ids.name}>{t('name.label')}</label>
      <input
        id={ids.name}
        type="text"
        dir="auto"
        required
        maxLength={120}
        value={name}
        aria-describedby={`${ids.help} ${ids.state}`}
        aria-invalid={invalid}
        onChange={(event) => setName(event.target.value)}
      />
      <p id={ids.help} className="help">
        {t('name.help')}
      </p>
      {invalid ? (
        <p className="field-error" role="alert">
          {t('name.invalid')}
        </p>
      ) : null}
      <p id={ids.state} className="save-state" role="status">
        {waiting !== undefined
          ? waiting.status === 'conflict'
            ? t('name.conflict')
            : t('name.waiting')
          : saved && refused.length === 0
            ? t('name.saved')
            : ''}
      </p>
      {refused.length > 0 ? (
        <div className="notice" role="alert">
          <p>
            {refused.some((draft) => draft.rejection?.code === 'already-exists') ? t('name.taken') : t('name.refused')}
          </p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void dismiss(refused.map((draft) => draft.key))}
          >
            {t('name.dismiss')}
          </button>
        </div>
      ) : null}
      <button type="submit" className="button-primary">
        {t('name.save')}
      </button>
    </form>
  );
}
