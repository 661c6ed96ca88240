import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '../../../../shared/contract';
import type { NotificationRequest } from '../../../../shared/desktop';
import type { CollectiveBrainDb, Draft } from '../../data/db';
import type { SyncEngine } from '../../data/sync-engine';

/** Past this many at once, one notification sums them up instead of a stack of them. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;

/** A refused write can be fixed where it was made: its thread when it was a reply, else the Sync center. */
function refusedTarget(draft: Draft): NotificationRequest['target'] {
  return draft.kind === 'reply' && draft.targetId !== undefined
    ? { screen: 'thread', threadId: draft.targetId }
    : { screen: 'section', section: 'sync' };
}

/**
 * A write the server refused comes back as a draft with its reason: the user
 * is told, even away from the window. The engine counts refusals as its push
 * results are applied (the drafts are written first), so each new refusal is
 * the newest refused draft.
 */
export function useRefusedWriteNotifications({
  api,
  db,
  engine,
}: {
  api: Api;
  db: CollectiveBrainDb;
  engine: SyncEngine;
}): void {
  const { t } = useTranslation('desktop');
  useEffect(() => {
    let counted = engine.current().rejected;
    return engine.subscribe((status) => {
      const fresh = status.rejected - counted;
      counted = status.rejected;
      if (fresh <= 0) return;
      void (async () => {
        const refused = await db.drafts.filter((draft) => draft.rejection !== undefined).toArray();
        refused.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
        for (const draft of refused.slice(0, Math.min(fresh, MAX_SEPARATE_NOTIFICATIONS))) {
          await api.desktop.notify({
            kind: 'write-refused',
            title: t('refused.title'),
            body: t('refused.body'),
            target: refusedTarget(draft),
          });
        }
      })();
    });
  }, [api, db, engine, t]);
}
