import { cleanup as unmountAll, render, type RenderResult } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../src/renderer/src/app/api-context';
import { SessionContext } from '../../../src/renderer/src/app/session-context';
import { DataProvider } from '../../../src/renderer/src/data/data-context';
import { openDb, type CachedPost, type CachedThread, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { Api, SessionStatus } from '../../../src/shared/contract';
import type { ContentLanguage } from '../../../src/shared/languages';
import { SettingsSchema, type Settings } from '../../../src/shared/settings';
import type { Role } from '../../../src/shared/wire/roles';
import { startInProcessApp } from '../../support/in-process';
import { makeTempDir } from '../../support/temp-dir';

export const ME = '6f1d1e2a-8c3b-4d5e-9f00-000000000001';
export const CATEGORY = '6f1d1e2a-8c3b-4d5e-9f00-0000000000c1';
export const THREAD = '6f1d1e2a-8c3b-4d5e-9f00-0000000000a1';

/** Members from around the network, each writing in their own language. */
export const MEMBERS = [
  { id: '6f1d1e2a-8c3b-4d5e-9f00-000000000011', displayName: 'Amina Haddad', language: 'ar' },
  { id: '6f1d1e2a-8c3b-4d5e-9f00-000000000012', displayName: 'Lucía Fernández', language: 'es' },
  { id: '6f1d1e2a-8c3b-4d5e-9f00-000000000013', displayName: 'João Silva', language: 'pt' },
  { id: '6f1d1e2a-8c3b-4d5e-9f00-000000000014', displayName: '김지은', language: 'ko' },
  { id: '6f1d1e2a-8c3b-4d5e-9f00-000000000015', displayName: 'Marie Dubois', language: 'fr' },
] as const;

/** Article 1 of the Universal Declaration of Human Rights, written out by hand in six languages. */
export const SENTENCES: Record<'en' | 'fr' | 'es' | 'pt' | 'ar' | 'ko', string> = {
  en: 'All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.',
  fr: 'Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité.',
  es: 'Todos los seres humanos nacen libres e iguales en dignidad y derechos y, dotados como están de razón y conciencia, deben comportarse fraternalmente los unos con los otros.',
  pt: 'Todos os seres humanos nascem livres e iguais em dignidade e em direitos. Dotados de razão e de consciência, devem agir uns para com os outros em espírito de fraternidade.',
  ar: 'يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.',
  ko: '모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. 인간은 천부적으로 이성과 양심을 부여받았으며 서로 형제애의 정신으로 행동하여야 한다.',
};

// Parsed, so fields the schema gives a default need not be listed here.
export const SETTINGS: Settings = SettingsSchema.parse({
  uiLanguage: 'en',
  contentLanguages: ['en', 'fr'],
  theme: 'system',
  serverUrl: 'http://127.0.0.1:8787',
  downloadPolicy: 'manual',
  storageCapMb: 2048,
});

let counter = 0;

export interface Harness {
  db: CollectiveBrainDb;
  api: Api;
  show: (screen: ReactNode) => Promise<RenderResult>;
  cleanup: () => Promise<void>;
}

/**
 * The real main-process services (signed out, so sync stays paused) and a
 * fresh fake IndexedDB per test; screens render inside the app's providers.
 */
export async function createHarness(
  roles: Role[] = ['participant'],
  /** The signed-in user's content languages (their profile), most preferred first. */
  languages: ContentLanguage[] = ['en', 'fr'],
): Promise<Harness> {
  const { dir, cleanup } = await makeTempDir('cb-forum-');
  const { api } = await startInProcessApp(dir, ['en-US']);
  counter += 1;
  const db = openDb(`forum-test-${counter}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const session: SessionStatus = {
    state: 'signed-in',
    serverUrl: SETTINGS.serverUrl,
    secretsEncrypted: true,
    user: { id: ME, email: 'me@example.org', displayName: 'Sam Taylor', roles, contentLanguages: languages },
  };
  const i18n = await createI18n('en');
  const show = (screen: ReactNode): Promise<RenderResult> =>
    Promise.resolve(
      render(
        <I18nextProvider i18n={i18n}>
          <ApiContext.Provider value={api}>
            <SessionContext.Provider value={session}>
              <DataProvider api={api} db={db}>
                {screen}
              </DataProvider>
            </SessionContext.Provider>
          </ApiContext.Provider>
        </I18nextProvider>,
      ),
    );
  return {
    db,
    api,
    show,
    cleanup: async () => {
      // Unmount first: editors flush their drafts on unmount, and those writes must land before closing.
      unmountAll();
      await new Promise((resolve) => setTimeout(resolve, 50));
      db.close();
      await cleanup();
    },
  };
}

const BASE = Date.parse('2026-03-02T09:00:00.000Z');
export const at = (minutes: number): string => new Date(BASE + minutes * 60_000).toISOString();

export function postId(index: number): string {
  return `6f1d1e2a-8c3b-4d5e-9f00-${(0x100000 + index).toString(16).padStart(12, '0')}`;
}

/** One post per minute, cycling through the members and their languages. */
export function makePosts(count: number, threadId = THREAD): CachedPost[] {
  return Array.from({ length: count }, (_, index): CachedPost => {
    const member = MEMBERS[index % MEMBERS.length] ?? MEMBERS[0];
    return {
      id: postId(index),
      threadId,
      authorId: member.id,
      body: `**${member.displayName}** (${index + 1}): ${SENTENCES[member.language]}`,
      language: member.language,
      replyTo: null,
      createdAt: at(index),
      editedAt: null,
      hidden: false,
      attachments: [],
      version: 1,
    };
  });
}

export async function seedForum(
  db: CollectiveBrainDb,
  posts: CachedPost[],
  thread: Partial<CachedThread> = {},
): Promise<void> {
  await db.transaction('rw', [db.users, db.categories, db.threads, db.posts], async () => {
    await db.users.bulkPut([
      ...MEMBERS.map((member) => ({
        id: member.id,
        displayName: member.displayName,
        roles: ['participant' as const],
        editions: [],
        contentLanguages: [member.language],
        version: 1,
      })),
      {
        id: ME,
        displayName: 'Sam Taylor',
        roles: ['participant'],
        editions: [],
        contentLanguages: ['en', 'fr'],
        version: 1,
      },
    ]);
    await db.categories.put({
      id: CATEGORY,
      name: { en: 'Human rights education', fr: 'Éducation aux droits humains', ar: 'التربية على حقوق الإنسان' },
      position: 0,
      version: 1,
    });
    await db.threads.put({
      id: THREAD,
      categoryId: CATEGORY,
      authorId: MEMBERS[4].id,
      title: 'Article 1, in every language we speak',
      language: 'en',
      tags: ['udhr', 'translation'],
      locked: false,
      pinned: false,
      hidden: false,
      createdAt: at(0),
      lastActivityAt: posts.at(-1)?.createdAt ?? at(0),
      postCount: posts.length,
      version: 1,
      ...thread,
    });
    await db.posts.bulkPut(posts);
  });
}

/** happy-dom does no layout: give the post list's scroller a real viewport height. */
export function stubScrollerHeight(height = 600): () => void {
  const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  const inherited = own ?? Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement): number {
      if (this.classList.contains('forum-post-scroller')) return height;
      const value: unknown = inherited?.get?.call(this);
      return typeof value === 'number' ? value : 0;
    },
  });
  return () => {
    if (own !== undefined) Object.defineProperty(HTMLElement.prototype, 'clientHeight', own);
    else Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  };
}
