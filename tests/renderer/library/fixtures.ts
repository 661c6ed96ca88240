import { newsRow } from '../../support/news-rows';
import type {
  CachedCollection,
  CachedDocument,
  CachedMaterial,
  CachedNews,
  CachedSession,
  CollectiveBrainDb,
} from '../../../src/renderer/src/data/db';
import type { DocumentVariant, Edition } from '../../../src/shared/wire/entities';

/** Realistic content, seeded straight into Dexie: ILO publications and Academy editions. */
export const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sha = (n: number): string => n.toString(16).padStart(64, '0');

function variant(language: DocumentVariant['language'], n: number, size: number): DocumentVariant {
  return { language, sha256: sha(n), size, mime: 'application/pdf' };
}

function doc(fields: Omit<CachedDocument, 'languages' | 'version'>): CachedDocument {
  return { ...fields, version: 1, languages: fields.variants.map((v) => v.language) };
}

export const FUTURE_OF_WORK = doc({
  id: id(1),
  type: 'publication',
  title: {
    en: 'Social and Solidarity Economy and the Future of Work',
    es: 'Economía social y solidaria y el futuro del trabajo',
    it: 'Economia sociale e solidale e futuro del lavoro',
  },
  summary: {
    en: 'How social and solidarity economy organizations shape decent work in a changing world.',
    es: 'Cómo las organizaciones de la economía social y solidaria configuran el trabajo decente.',
    it: 'Come le organizzazioni dell’economia sociale e solidale plasmano il lavoro dignitoso.',
  },
  series: 'ILO Future of Work Research Paper Series',
  year: 2017,
  countries: [],
  topics: ['Future of work', 'Decent work'],
  variants: [variant('en', 11, 1_258_291), variant('it', 12, 1_363_148), variant('es', 13, 1_415_577)],
  createdAt: '2017-06-01T00:00:00.000Z',
});

export const SEVEN_COUNTRIES = doc({
  id: id(2),
  type: 'report',
  title: { en: 'Public policies for social and solidarity economy: Assessing progress in seven countries' },
  summary: null,
  series: null,
  year: 2019,
  countries: ['Brazil', 'Costa Rica', 'Republic of Korea'],
  topics: ['Public policy'],
  variants: [variant('en', 21, 2_097_152)],
  createdAt: '2019-03-01T00:00:00.000Z',
});

export const SEOUL_READER = doc({
  id: id(3),
  type: 'academy-reader',
  title: { en: 'Reader: Social and Solidarity Economy Academy, Seoul', fr: 'Recueil : Académie ÉSS, Séoul' },
  summary: { fr: 'Le recueil de l’Académie de Séoul : économie sociale et solidaire et développement local.' },
  series: 'SSE Academy readers',
  year: 2019,
  countries: ['Republic of Korea'],
  topics: ['Local development'],
  variants: [variant('en', 31, 3_145_728), variant('fr', 32, 3_250_000)],
  createdAt: '2019-10-01T00:00:00.000Z',
});

export const COSTA_RICA_CASE = doc({
  id: id(4),
  type: 'case-study',
  title: { es: 'Cooperativas de café en Costa Rica', en: 'Coffee cooperatives in Costa Rica' },
  summary: { es: 'Estudio de caso sobre la economía cooperativa y la participación de las mujeres.' },
  series: null,
  year: 2018,
  countries: ['Costa Rica'],
  topics: ['Cooperatives'],
  variants: [variant('es', 41, 512_000)],
  createdAt: '2018-11-01T00:00:00.000Z',
});

export const DOCUMENTS = [FUTURE_OF_WORK, SEVEN_COUNTRIES, SEOUL_READER, COSTA_RICA_CASE];

function edition(n: number, city: string, country: string, year: number, online = false): Edition {
  return {
    number: n,
    city,
    country,
    year,
    startDate: null,
    endDate: null,
    theme: { en: `SSE Academy ${city}`, fr: `Académie ÉSS ${city}` },
    online,
  };
}

const EDITIONS: [number, string, string, number][] = [
  [1, 'Turin', 'Italy', 2010],
  [2, 'Montreal', 'Canada', 2011],
  [3, 'Agadir', 'Morocco', 2013],
  [4, 'Campinas', 'Brazil', 2014],
  [5, 'Johannesburg', 'South Africa', 2015],
  [6, 'Puebla', 'Mexico', 2017],
  [7, 'San José', 'Costa Rica', 2018],
  [8, 'Seoul', 'Republic of Korea', 2019],
];

/** Shuffled on purpose: the timeline must order them itself. */
export const COLLECTIONS: CachedCollection[] = [...EDITIONS].reverse().map(([n, city, country, year], index) => ({
  id: id(100 + n),
  title: { en: `SSE Academy ${String(year)}` },
  description: null,
  edition: edition(n, city, country, year, year === 2019 ? false : n % 2 === 0),
  position: index,
  version: 1,
  editionYear: year,
}));
COLLECTIONS.push({
  id: id(199),
  title: { en: 'Webinars on the SSE' },
  description: { en: 'Recorded webinars.' },
  edition: null,
  position: 0,
  version: 1,
  editionYear: null,
});

export const SEOUL = id(108);
export const SESSIONS: CachedSession[] = [
  {
    id: id(201),
    collectionId: SEOUL,
    title: { en: 'Opening: SSE and local development' },
    startsAt: '2019-10-14T09:00:00.000Z',
    position: 0,
    version: 3,
  },
  {
    id: id(202),
    collectionId: SEOUL,
    title: { en: 'Public policies for the SSE' },
    startsAt: '2019-10-15T09:00:00.000Z',
    position: 1,
    version: 2,
  },
];
export const MATERIALS: CachedMaterial[] = [
  {
    id: id(301),
    sessionId: id(201),
    position: 0,
    title: null,
    kind: 'document',
    documentId: SEOUL_READER.id,
    version: 1,
  },
  {
    id: id(302),
    sessionId: id(201),
    position: 1,
    title: { en: 'Seoul Social Economy Center' },
    kind: 'link',
    url: 'https://sehub.net/',
    version: 1,
  },
  {
    id: id(303),
    sessionId: id(202),
    position: 0,
    title: null,
    kind: 'document',
    documentId: SEVEN_COUNTRIES.id,
    version: 1,
  },
  {
    id: id(304),
    sessionId: id(202),
    position: 1,
    title: null,
    kind: 'note',
    note: 'Read **chapter 2** before the session.',
    version: 1,
  },
];

export const NEWS: CachedNews[] = [
  newsRow({
    id: id(401),
    language: 'en',
    title: 'Call for applications: SSE Academy 2019',
    body: 'Apply **now**.',
    publishedAt: '2019-03-01T10:00:00.000Z',
    version: 1,
  }),
  newsRow({
    id: id(402),
    language: 'es',
    title: 'Nueva publicación sobre cooperativas',
    body: 'Una _nueva_ publicación.',
    publishedAt: '2019-06-20T10:00:00.000Z',
    version: 1,
  }),
  newsRow({
    id: id(403),
    language: 'fr',
    title: 'Retour sur l’Académie de Séoul',
    body: 'Merci à toutes et à tous.',
    publishedAt: '2019-11-02T10:00:00.000Z',
    version: 1,
  }),
  newsRow({
    id: id(404),
    language: 'en',
    title: 'Webinar: the SSE and the future of work',
    body: 'Join us.',
    publishedAt: '2020-01-15T10:00:00.000Z',
    version: 1,
  }),
];

export async function seed(db: CollectiveBrainDb): Promise<void> {
  await db.documents.bulkPut(DOCUMENTS);
  await db.collections.bulkPut(COLLECTIONS);
  await db.sessions.bulkPut(SESSIONS);
  await db.materials.bulkPut(MATERIALS);
  await db.news.bulkPut(NEWS);
}
