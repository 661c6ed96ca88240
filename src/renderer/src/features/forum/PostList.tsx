import { measureElement, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useAttended } from '../../app/attention';
import { useShortcut } from '../../app/keyboard';
import { useScrollPane } from '../../app/scroll-pane';
import { useTranslation } from 'react-i18next';
import { PostItem, type PostContext } from './PostItem';
import './forum.css';

/** A first guess of a post's height; each row is measured once it renders. */
const ESTIMATED_POST_HEIGHT = 180;
const OVERSCAN = 4;
/** Reading is recorded after the list has rested this long (scrolling writes nothing). */
export const MARK_READ_DELAY_MS = 600;

/** Rows are measured by layout; an unmeasurable (unlaid) row keeps its estimate instead of collapsing to 0. */
function measurePost(
  element: HTMLLIElement,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLElement, HTMLLIElement>,
): number {
  const size = measureElement(element, entry, instance);
  return size > 0 ? size : ESTIMATED_POST_HEIGHT;
}

/**
 * The thread's posts as a virtual list: only the ids of all posts are
 * held; each rendered row loads its own post. Scrolling marks
 * the thread read up to the newest post seen. The list scrolls with the
 * content pane (one scroll for the whole thread, ux.md), virtualised
 * against it; outside the shell it scrolls in a box of its own.
 */
export function PostList({
  ids,
  initialIndex,
  scrollToEnd,
  onReadThrough,
  context,
}: {
  ids: readonly string[];
  /** Where to open: a linked post, or the first unread one. */
  initialIndex: number;
  /** Bumped after the user posts, to follow their new post. */
  scrollToEnd: number;
  /** The newest post the user has seen (debounced): the thread is read up to it. */
  onReadThrough: (postId: string) => void;
  context: Omit<PostContext, 'onJump'>;
}): React.JSX.Element {
  const { t } = useTranslation('forum');
  const pane = useScrollPane();
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // Where the list starts in the pane's scrollable content: what is above it (title, notices) moves it.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const scroller = pane?.current;
    const list = listRef.current;
    if (scroller === null || scroller === undefined || list === null) return;
    const measure = (): void => {
      const offset = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      setScrollMargin((previous) => (Math.abs(previous - offset) < 1 ? previous : offset));
    };
    measure();
    const observer = new ResizeObserver(measure);
    const screen = list.closest('.screen');
    if (screen !== null) observer.observe(screen);
    return () => observer.disconnect();
  }, [pane]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; this component is not memoized by the compiler
  const virtualizer = useVirtualizer<HTMLElement, HTMLLIElement>({
    count: ids.length,
    getScrollElement: () => pane?.current ?? scrollRef.current,
    estimateSize: () => ESTIMATED_POST_HEIGHT,
    getItemKey: (index) => ids[index] ?? index,
    measureElement: measurePost,
    overscan: OVERSCAN,
    scrollMargin: pane === null ? 0 : scrollMargin,
  });

  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || ids.length === 0) return;
    opened.current = true;
    if (initialIndex > 0) virtualizer.scrollToIndex(Math.min(initialIndex, ids.length - 1), { align: 'start' });
  }, [ids.length, initialIndex, virtualizer]);

  // After the user posts, follow their post once it has joined the list (not every later arrival).
  const followFrom = useRef<{ request: number; length: number } | null>(null);
  useEffect(() => {
    if (scrollToEnd === 0) return;
    followFrom.current = { request: scrollToEnd, length: ids.length };
    if (ids.length > 0) virtualizer.scrollToIndex(ids.length - 1, { align: 'end' });
    // Only a new request arms the follow; ids.length is read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollToEnd]);
  useEffect(() => {
    const follow = followFrom.current;
    if (follow === null || ids.length <= follow.length) return;
    followFrom.current = null;
    virtualizer.scrollToIndex(ids.length - 1, { align: 'end' });
  }, [ids.length, virtualizer]);

  // The newest post on screen: posts are in creation order, so it is the last visible one.
  const lastVisible = virtualizer.range?.endIndex ?? -1;
  const newestSeen = lastVisible >= 0 ? ids[Math.min(lastVisible, ids.length - 1)] : undefined;
  // On screen is not seen while the window is behind others or hidden: what arrives then stays unread until the
  // user comes back to it.
  const attended = useAttended();
  useEffect(() => {
    if (newestSeen === undefined || !attended) return;
    const timer = setTimeout(() => onReadThrough(newestSeen), MARK_READ_DELAY_MS);
    return () => clearTimeout(timer);
  }, [newestSeen, onReadThrough, attended]);

  const indexOf = new Map(ids.map((id, index) => [id, index]));
  const onJump = (postId: string): void => {
    const index = indexOf.get(postId);
    if (index === undefined) return;
    virtualizer.scrollToIndex(index, { align: 'start' });
    // Focus the post once it is rendered, so keyboard and screen-reader users land on it.
    requestAnimationFrame(() => {
      listRef.current?.querySelector<HTMLElement>(`[data-post-id="${CSS.escape(postId)}"]`)?.focus();
    });
  };

  // j and k: the next or previous post from the one with the focus (from the first on screen otherwise). A key
  // pressed again before the focus has reached its post (it moves after the next frame) goes on from that post.
  const moving = useRef<number | null>(null);
  const focusPost = (index: number, attempts = 6): void => {
    requestAnimationFrame(() => {
      if (moving.current !== index) return;
      const post = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] [data-post-id]`);
      if (post !== null && post !== undefined) {
        post.focus();
        moving.current = null;
      } else if (attempts > 0) focusPost(index, attempts - 1);
      else moving.current = null;
    });
  };
  /** The first post whose end is below the top of the scrolling pane: where reading is. */
  const firstOnScreen = (): number => {
    const top = (pane?.current ?? scrollRef.current)?.getBoundingClientRect().top ?? 0;
    for (const row of listRef.current?.querySelectorAll<HTMLElement>('.forum-post-row') ?? []) {
      if (row.getBoundingClientRect().bottom > top + 1) return Number(row.dataset['index']);
    }
    return 0;
  };
  const step = (by: 1 | -1): void => {
    if (ids.length === 0) return;
    const row = document.activeElement?.closest<HTMLElement>('.forum-post-row');
    const focused =
      row !== null && row !== undefined && listRef.current?.contains(row) ? Number(row.dataset['index']) : NaN;
    const from = moving.current ?? (Number.isNaN(focused) ? null : focused);
    const target = from === null ? firstOnScreen() : Math.min(ids.length - 1, Math.max(0, from + by));
    moving.current = target;
    virtualizer.scrollToIndex(target, { align: 'start' });
    focusPost(target);
  };
  useShortcut('nextPost', () => step(1));
  useShortcut('previousPost', () => step(-1));

  const items = virtualizer.getVirtualItems();
  const margin = virtualizer.options.scrollMargin;
  const list = (
    <ol
      ref={listRef}
      className="forum-post-list"
      aria-label={t('thread.posts')}
      style={{ blockSize: `${virtualizer.getTotalSize()}px` }}
    >
      {items.map((item) => {
        const id = ids[item.index];
        if (id === undefined) return null;
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="forum-post-row"
            aria-setsize={ids.length}
            aria-posinset={item.index + 1}
            style={{ transform: `translateY(${item.start - margin}px)` }}
          >
            <PostItem id={id} context={{ ...context, onJump }} />
          </li>
        );
      })}
    </ol>
  );
  if (pane !== null) return <div className="forum-post-pane">{list}</div>;
  return (
    <div ref={scrollRef} className="forum-post-scroller" tabIndex={0} role="region" aria-label={t('thread.posts')}>
      {list}
    </div>
  );
}
