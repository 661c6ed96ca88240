import { create } from 'zustand';
import type { ContentLanguage } from '../../../shared/languages';
import type { SearchKind } from '../data/search/search-documents';

/** Every screen of the app, with what it shows. */
export type Route =
  | { name: 'home' }
  /** What concerns the user: replies, mentions, what is new where they follow, news. */
  | { name: 'activity' }
  | { name: 'forum' }
  | { name: 'category'; categoryId: string }
  /** `edit`: open the editor of the post `postId` (one's own), with its draft. */
  | { name: 'thread'; threadId: string; postId?: string; edit?: boolean }
  /** `draftKey`: continue that draft (a thread the server refused) instead of the category's new-thread draft. */
  | { name: 'new-thread'; categoryId: string; draftKey?: string }
  | { name: 'library' }
  | { name: 'document'; documentId: string }
  | { name: 'academy' }
  | { name: 'collection'; collectionId: string }
  | { name: 'news' }
  | { name: 'news-item'; newsId: string }
  | { name: 'sync' }
  /** The venue kit: packs, sharing on the venue network, the relay. */
  | { name: 'venue' }
  /** Every draft on this computer, each opening where it is edited. */
  | { name: 'drafts' }
  | { name: 'settings' }
  /** One's own account: display name, content languages, password. */
  | { name: 'profile' }
  /** Admins: every account, invitations. */
  | { name: 'people' }
  /** Moderators: the queue of reported posts and what was done with them. */
  | { name: 'moderation' }
  /** Search results, filtered by kind and language when those are set (none: every kind and language). */
  | { name: 'search'; query: string; kinds?: readonly SearchKind[]; language?: ContentLanguage };

export type RouteName = Route['name'];

interface UiState {
  route: Route;
  history: Route[];
  navigate: (route: Route) => void;
  /** Shows `route` in place of the current one, without a step in the history (a filter changed). */
  replace: (route: Route) => void;
  back: () => void;
}

/** UI state only: content lives in IndexedDB, settings and session in main. */
export const useUiStore = create<UiState>((set) => ({
  route: { name: 'home' },
  history: [],
  navigate: (route) => set((state) => ({ route, history: [...state.history.slice(-49), state.route] })),
  replace: (route) => set({ route }),
  back: () =>
    set((state) => {
      const previous = state.history.at(-1);
      return previous === undefined ? state : { route: previous, history: state.history.slice(0, -1) };
    }),
}));

/** The top-level section a route belongs to, for the navigation's current item. */
export function sectionOf(
  route: Route,
):
  | 'home'
  | 'activity'
  | 'forum'
  | 'library'
  | 'academy'
  | 'news'
  | 'sync'
  | 'venue'
  | 'settings'
  | 'search'
  | 'profile'
  | 'people'
  | 'moderation' {
  switch (route.name) {
    case 'category':
    case 'thread':
    case 'new-thread':
      return 'forum';
    case 'document':
      return 'library';
    case 'collection':
      return 'academy';
    case 'news-item':
      return 'news';
    case 'drafts':
      return 'home';
    default:
      return route.name;
  }
}
