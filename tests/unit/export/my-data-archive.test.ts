/**
 * "My data" as a person and another tool receive it: the zip is unpacked here, its Markdown files say
 * what was written, in order, with dates and titles, and its JSON file passes its own schema (both the
 * zod one and the JSON Schema shipped beside it).
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_FORMAT,
  EXPORT_JSON_NAME,
  EXPORT_SCHEMA_NAME,
  EXPORT_VERSION,
  MyDataExportSchema,
  type MyData,
} from '../../../src/shared/export/export-format';
import { PathAllocator, fileNameOf } from '../../../src/shared/export/file-names';
import { archiveName, myDataArchive } from '../../../src/shared/export/my-data-archive';
import { wordsIn } from './words';

const THREAD = '8a1d1e2a-8c3b-4d5e-9f00-0000000000a1';
const OTHER_THREAD = '8a1d1e2a-8c3b-4d5e-9f00-0000000000a2';
const ME = '8a1d1e2a-8c3b-4d5e-9f00-000000000001';

function post(
  id: string,
  threadId: string,
  body: string,
  createdAt: string,
  extra: Partial<MyData['posts'][number]> = {},
) {
  return {
    id,
    threadId,
    body,
    language: 'en' as const,
    replyTo: null,
    replyToAuthor: null,
    createdAt,
    editedAt: null,
    hidden: false,
    attachments: [],
    state: 'sent' as const,
    ...extra,
  };
}

const DATA: MyData = {
  exportedAt: '2025-06-01T10:00:00.000Z',
  server: 'https://brain.example.org',
  user: { id: ME, displayName: 'Amina Haddad' },
  threads: [
    {
      id: THREAD,
      title: 'Cooperatives and local government: what worked?',
      language: 'en',
      category: 'Public policy',
      tags: ['policy'],
      createdAt: '2025-05-01T08:00:00.000Z',
      startedByMe: false,
    },
    {
      id: OTHER_THREAD,
      title: 'التمويل التضامني / ../../etc',
      language: 'ar',
      category: null,
      tags: [],
      createdAt: '2025-05-10T08:00:00.000Z',
      startedByMe: true,
    },
  ],
  posts: [
    // Out of order on purpose: the file puts them in order.
    post(
      '8a1d1e2a-8c3b-4d5e-9f00-000000000102',
      THREAD,
      'My second reply, with **markdown**.',
      '2025-05-03T09:30:00.000Z',
      {
        state: 'waiting',
      },
    ),
    post('8a1d1e2a-8c3b-4d5e-9f00-000000000101', THREAD, 'My first reply.', '2025-05-02T09:30:00.000Z', {
      replyTo: '8a1d1e2a-8c3b-4d5e-9f00-000000000100',
      replyToAuthor: 'Lucía Fernández',
      editedAt: '2025-05-02T10:00:00.000Z',
    }),
    post('8a1d1e2a-8c3b-4d5e-9f00-000000000103', OTHER_THREAD, 'نص عربي', '2025-05-10T08:00:00.000Z', {
      language: 'ar',
    }),
  ],
  drafts: [
    {
      key: `reply:${THREAD}`,
      kind: 'reply',
      targetId: THREAD,
      updatedAt: '2025-05-20T12:00:00.000Z',
      fields: { body: 'Half a thought about credit unions' },
      refused: { code: 'locked', message: 'The thread is locked.' },
    },
  ],
  translations: [
    {
      id: '8a1d1e2a-8c3b-4d5e-9f00-000000000201',
      targetType: 'post',
      targetId: '8a1d1e2a-8c3b-4d5e-9f00-000000000100',
      language: 'fr',
      title: null,
      body: 'Les coopératives ont besoin de cadres juridiques clairs.',
      createdAt: '2025-05-04T08:00:00.000Z',
      editedAt: null,
      original: { title: 'Cooperatives and local government: what worked?', language: 'en' },
      state: 'sent',
    },
  ],
  sessions: [
    {
      id: '8a1d1e2a-8c3b-4d5e-9f00-000000000301',
      collectionId: '8a1d1e2a-8c3b-4d5e-9f00-000000000401',
      collection: 'SSE Academy 2025',
      status: 'staged',
      language: 'en',
      title: 'Financing the social economy',
      startsAt: '2025-09-15T07:00:00.000Z',
      materials: [
        {
          kind: 'link',
          title: 'ILO page',
          documentId: null,
          documentTitle: null,
          url: 'https://www.ilo.org/sse',
          note: null,
          fileName: null,
        },
        {
          kind: 'note',
          title: null,
          documentId: null,
          documentTitle: null,
          url: null,
          note: 'Bring case studies.',
          fileName: null,
        },
      ],
    },
  ],
};

async function unpack(data: MyData): Promise<Map<string, string>> {
  const zip = myDataArchive(data, await wordsIn('en'));
  return new Map(Object.entries(unzipSync(zip)).map(([path, bytes]) => [path, strFromU8(bytes)] as const));
}

describe('the my-data archive', () => {
  it('holds a Markdown file per thread I posted in, a file per draft, translation and session, a README and the JSON', async () => {
    const files = await unpack(DATA);
    expect([...files.keys()].sort()).toEqual([
      'README.md',
      EXPORT_JSON_NAME,
      EXPORT_SCHEMA_NAME,
      'drafts/2025-05-20 reply Half a thought about credit unions.md',
      'sessions/SSE Academy 2025 - Financing the social economy.md',
      'threads/2025-05-02 Cooperatives and local government what worked.md',
      'threads/2025-05-10 التمويل التضامني .. .. etc.md',
      'translations/2025-05-04 Cooperatives and local government what worked (fr).md',
    ]);
  });

  it('writes my posts in each thread in order, under the thread title, with dates and where each stands', async () => {
    const thread =
      (await unpack(DATA)).get('threads/2025-05-02 Cooperatives and local government what worked.md') ?? '';
    expect(thread.startsWith('# Cooperatives and local government: what worked?\n')).toBe(true);
    expect(thread).toContain('Public policy · English · 2 posts');
    expect(thread).toContain('Your 2 posts in this thread, in order.');
    expect(thread.indexOf('My first reply.')).toBeLessThan(thread.indexOf('My second reply'));
    expect(thread).toContain('## Amina Haddad · May 2, 2025, 9:30 AM');
    expect(thread).toContain('*In reply to Lucía Fernández*');
    expect(thread).toContain('*Edited May 2, 2025, 10:00 AM*');
    expect(thread).toContain('*Not sent yet: it was waiting in the outbox when this was exported.*');
    expect(thread).toContain('My second reply, with **markdown**.');
  });

  it('keeps drafts (with why the server refused one), translations and sessions readable', async () => {
    const files = await unpack(DATA);
    const draft = files.get('drafts/2025-05-20 reply Half a thought about credit unions.md') ?? '';
    expect(draft).toContain('# Draft: reply');
    expect(draft).toContain('The server refused it: The thread is locked.');
    expect(draft).toContain('Half a thought about credit unions');
    const translation =
      files.get('translations/2025-05-04 Cooperatives and local government what worked (fr).md') ?? '';
    expect(translation).toContain('# Translation into French');
    expect(translation).toContain('Les coopératives ont besoin de cadres juridiques clairs.');
    const session = files.get('sessions/SSE Academy 2025 - Financing the social economy.md') ?? '';
    expect(session).toContain('Prepared on this computer, not published.');
    expect(session).toContain('- Link: ILO page <https://www.ilo.org/sse>');
    expect(session).toContain('  > Bring case studies.');
    expect(files.get('README.md')).toContain('2 threads you posted in, each with your posts in order');
  });

  it('has a JSON file that passes its schema, with every post as written', async () => {
    const files = await unpack(DATA);
    const json: unknown = JSON.parse(files.get(EXPORT_JSON_NAME) ?? '');
    const parsed = MyDataExportSchema.parse(json);
    expect(parsed.format).toBe(EXPORT_FORMAT);
    expect(parsed.version).toBe(EXPORT_VERSION);
    expect(parsed.posts.map((p) => p.body)).toEqual(DATA.posts.map((p) => p.body));
    const schema = JSON.parse(files.get(EXPORT_SCHEMA_NAME) ?? '') as {
      $schema: string;
      required: string[];
      properties: Record<string, { const?: unknown }>;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(
      expect.arrayContaining(['format', 'version', 'posts', 'drafts', 'translations', 'sessions']),
    );
    expect(schema.properties['version']?.const).toBe(EXPORT_VERSION);
  });

  it('names the archive after the person and the day', () => {
    expect(archiveName(DATA)).toBe('collective-brain-Amina-Haddad-2025-06-01.zip');
  });
});

describe('file names from titles', () => {
  it('are safe on every system, readable in any script, and never collide', () => {
    expect(fileNameOf('../../etc/passwd', 'x')).toBe('etc passwd');
    expect(fileNameOf('CON', 'fallback')).toBe('fallback');
    expect(fileNameOf('  ...  ', 'fallback')).toBe('fallback');
    expect(fileNameOf('a\u202Eevil\u0000name?.md', 'x')).toBe('a evil name .md');
    expect(fileNameOf('한국의 사회연대경제', 'x')).toBe('한국의 사회연대경제');
    // Cut at whole graphemes: a family emoji is not split.
    expect(fileNameOf('ab👨‍👩‍👧', 'x', 3)).toBe('ab👨‍👩‍👧');
    const paths = new PathAllocator();
    expect(paths.take('threads', 'Notes', 'md')).toBe('threads/Notes.md');
    expect(paths.take('threads', 'notes', 'md')).toBe('threads/notes (2).md');
  });
});
