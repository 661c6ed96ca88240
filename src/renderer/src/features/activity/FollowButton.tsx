import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowTargetType } from '../../../../shared/wire/entities';
import { useSession } from '../../app/session-context';
import { useDb } from '../../data/data-context';
import { enqueueWrites } from '../../data/outbox';
import { useQuery } from '../../ui/use-query';
import { followState, type FollowState } from './follows';
import './activity.css';

/** What the line beside the button says. */
function helpKey(type: FollowTargetType, state: FollowState): string {
  if (!state.following) return type === 'thread' ? 'follow.threadHelp' : 'follow.editionHelp';
  if (state.reason === 'wrote-here') return 'follow.wroteHere';
  return type === 'thread' ? 'follow.onThread' : 'follow.onEdition';
}

/**
 * Follow a thread or an edition: a toggle (its name stays "Follow"; pressed
 * means followed). The choice is a write like any other: saved here at once,
 * then sent, and said so until it is.
 */
export function FollowButton({ type, id }: { type: FollowTargetType; id: string }): React.JSX.Element | null {
  const { t } = useTranslation('activity');
  const db = useDb();
  const userId = useSession().user?.id;
  const [failed, setFailed] = useState(false);
  const state = useQuery(
    async () => (userId === undefined ? undefined : followState(db, userId, { type, id })),
    [db, userId, type, id],
  );
  if (state.status !== 'ready' || state.value === undefined) return null;
  const current = state.value;

  const toggle = (): void => {
    setFailed(false);
    enqueueWrites(db, [{ name: 'follow.set', args: { targetType: type, targetId: id, following: !current.following } }])
      .then(() => undefined)
      .catch(() => setFailed(true));
  };

  return (
    <div className="follow-control">
      <button
        type="button"
        className={current.following ? 'button-secondary follow-button is-on' : 'button-secondary follow-button'}
        aria-pressed={current.following}
        onClick={toggle}
      >
        {t('follow.follow')}
      </button>
      <p className={failed ? 'field-error' : 'help'} role="status">
        {failed ? t('follow.failed') : t(helpKey(type, current))}
        {!failed && current.pending ? ` ${t('follow.pending')}` : ''}
      </p>
    </div>
  );
}
