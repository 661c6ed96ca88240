import type { Settings } from '../../../../shared/settings';
import type { Route } from '../../app/ui-store';
import { AcademyScreen } from '../academy/AcademyScreen';
import { ActivityScreen } from '../activity/ActivityScreen';
import { CollectionScreen } from '../academy/CollectionScreen';
import { DraftsScreen } from '../drafts/DraftsScreen';
import { CategoryScreen } from '../forum/CategoryScreen';
import { ForumScreen } from '../forum/ForumScreen';
import { NewThreadScreen } from '../forum/NewThreadScreen';
import { ThreadScreen } from '../forum/ThreadScreen';
import { HomeScreen } from '../home/HomeScreen';
import { DocumentScreen } from '../library/DocumentScreen';
import { LibraryScreen } from '../library/LibraryScreen';
import { ModerationScreen } from '../moderation/ModerationScreen';
import { NewsItemScreen } from '../news/NewsItemScreen';
import { NewsScreen } from '../news/NewsScreen';
import { PeopleScreen } from '../people/PeopleScreen';
import { ProfileScreen } from '../profile/ProfileScreen';
import { SearchScreen } from '../search/SearchScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { SyncCenterScreen } from '../sync/SyncCenterScreen';
import { VenueScreen } from '../venue/VenueScreen';

/** One screen per route; each screen owns its data (live queries) and its empty, loading and error states. */
export function ScreenRouter({ route, settings }: { route: Route; settings: Settings }): React.JSX.Element {
  switch (route.name) {
    case 'home':
      return <HomeScreen settings={settings} />;
    case 'activity':
      return <ActivityScreen settings={settings} />;
    case 'forum':
      return <ForumScreen settings={settings} />;
    case 'category':
      return <CategoryScreen categoryId={route.categoryId} settings={settings} />;
    case 'thread':
      return (
        <ThreadScreen
          threadId={route.threadId}
          settings={settings}
          {...(route.postId ? { postId: route.postId } : {})}
          {...(route.edit === true ? { edit: true } : {})}
        />
      );
    case 'new-thread':
      return (
        <NewThreadScreen
          categoryId={route.categoryId}
          settings={settings}
          {...(route.draftKey !== undefined ? { draftKey: route.draftKey } : {})}
        />
      );
    case 'library':
      return <LibraryScreen settings={settings} />;
    case 'document':
      return <DocumentScreen documentId={route.documentId} settings={settings} />;
    case 'academy':
      return <AcademyScreen settings={settings} />;
    case 'collection':
      return <CollectionScreen collectionId={route.collectionId} settings={settings} />;
    case 'news':
      return <NewsScreen settings={settings} />;
    case 'news-item':
      return <NewsItemScreen newsId={route.newsId} settings={settings} />;
    case 'sync':
      return <SyncCenterScreen settings={settings} />;
    case 'venue':
      return <VenueScreen settings={settings} />;
    case 'drafts':
      return <DraftsScreen settings={settings} />;
    case 'settings':
      return <SettingsScreen settings={settings} />;
    case 'profile':
      return <ProfileScreen settings={settings} />;
    case 'people':
      return <PeopleScreen />;
    case 'moderation':
      return <ModerationScreen />;
    case 'search':
      return <SearchScreen route={route} settings={settings} />;
  }
}
