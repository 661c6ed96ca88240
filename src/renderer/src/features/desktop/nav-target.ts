import type { NavTarget } from '../../../../shared/desktop';
import type { Route } from '../../app/ui-store';

/** The screen for a place the desktop shell asked to open (deep link, notification, menu). */
export function routeForTarget(target: NavTarget): Route {
  switch (target.screen) {
    case 'thread':
      return target.postId !== undefined
        ? { name: 'thread', threadId: target.threadId, postId: target.postId }
        : { name: 'thread', threadId: target.threadId };
    case 'document':
      return { name: 'document', documentId: target.documentId };
    case 'edition':
      return { name: 'collection', collectionId: target.collectionId };
    case 'section':
      return { name: target.section };
    case 'invitation':
      // Already signed in: an invitation is for someone new (the sign-in screen takes it when signed out).
      return { name: 'home' };
  }
}
