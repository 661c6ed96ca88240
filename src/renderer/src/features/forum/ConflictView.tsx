import { useTranslation } from 'react-i18next';
import { textField } from '../../../../shared/records';
import type { CachedPost, OutboxItem } from '../../data/db';
import { ConflictChoice } from '../../ui/ConflictChoice';
import { Markdown } from '../../ui/Markdown';
import { neutralizeHtml } from './post-markdown';
import './forum.css';

/** Someone else changed the post too: both versions side by side, and the user chooses. */
export function ConflictView({ item, post }: { item: OutboxItem; post: CachedPost }): React.JSX.Element {
  const { t } = useTranslation('forum');
  const mine = item.name === 'post.delete' ? undefined : (textField(item.args, 'body') ?? post.body);
  const theirs = item.current?.deleted === true ? undefined : textField(item.current?.data, 'body');
  return (
    <ConflictChoice
      item={item}
      labels={{
        title: t('conflict.title'),
        explain: t('conflict.explain'),
        mine: t('conflict.mine'),
        theirs: t('conflict.theirs'),
        keepMine: t('conflict.keepMine'),
        takeTheirs: t('conflict.takeTheirs'),
        failed: t('error.save'),
      }}
      mine={
        mine === undefined ? (
          <p className="forum-muted">{t('conflict.mineDeleted')}</p>
        ) : (
          <Markdown source={neutralizeHtml(mine)} className="markdown forum-markdown" />
        )
      }
      theirs={
        theirs === undefined ? (
          <p className="forum-muted">
            {item.current?.deleted === true ? t('conflict.theirsDeleted') : t('conflict.theirsUnknown')}
          </p>
        ) : (
          <Markdown source={neutralizeHtml(theirs)} className="markdown forum-markdown" />
        )
      }
    />
  );
}
