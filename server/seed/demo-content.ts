import type { ContentLanguage } from '../../src/shared/languages';
import type { DocumentType, LocalizedText, Role } from '../../src/shared/wire';

/**
 * Demo content, from the facts in ../shared/seeds (the ILO SSE pages). Where
 * the seed text does not give a fact (an exact date, a translated title), we
 * leave it out rather than invent it; the few inferred values say so.
 */

export const DEMO_PASSWORD = 'collective-brain';

export interface DemoAccount {
  readonly key: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly contentLanguages: readonly ContentLanguage[];
  readonly editions: readonly number[];
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    key: 'participant',
    email: 'participant@example.org',
    displayName: 'Demo Participant',
    roles: ['participant'],
    contentLanguages: ['fr', 'en'],
    editions: [10, 11],
  },
  {
    key: 'facilitator',
    email: 'facilitator@example.org',
    displayName: 'Demo Facilitator',
    roles: ['facilitator'],
    contentLanguages: ['es', 'en'],
    editions: [6, 7, 11],
  },
  {
    key: 'moderator',
    email: 'moderator@example.org',
    displayName: 'Demo Moderator',
    roles: ['moderator'],
    contentLanguages: ['en', 'pt'],
    editions: [4],
  },
  {
    key: 'editor',
    email: 'editor@example.org',
    displayName: 'Demo News Editor',
    roles: ['editor'],
    contentLanguages: ['fr', 'en', 'es'],
    editions: [],
  },
  {
    key: 'admin',
    email: 'admin@example.org',
    displayName: 'Demo Admin',
    roles: ['admin'],
    contentLanguages: ['en'],
    editions: [],
  },
];

export interface DemoEdition {
  readonly number: number;
  readonly city: string;
  readonly country: string;
  readonly year: number;
  /** False when the year is not stated in the seed text (see below). */
  readonly yearFromSeed: boolean;
  readonly planned?: boolean;
}

/**
 * The seed text states: the first Academy in Turin (Italy) in 2010; then
 * Montreal, Agadir, Campinas, Johannesburg, Puebla, San José, Seoul,
 * Luxembourg city, Turin and Madrid; the 12th edition planned for the second
 * half of 2020 in Tunisia. The years in between are inferred from that order
 * (one edition a year; the 2011 and 2014 Academy readers confirm Montreal 2011
 * and Johannesburg 2014; ten editions between 2011 and 2019 means two in 2019).
 */
export const DEMO_EDITIONS: readonly DemoEdition[] = [
  { number: 1, city: 'Turin', country: 'Italy', year: 2010, yearFromSeed: true },
  { number: 2, city: 'Montreal', country: 'Canada', year: 2011, yearFromSeed: false },
  { number: 3, city: 'Agadir', country: 'Morocco', year: 2012, yearFromSeed: false },
  { number: 4, city: 'Campinas', country: 'Brazil', year: 2013, yearFromSeed: false },
  { number: 5, city: 'Johannesburg', country: 'South Africa', year: 2014, yearFromSeed: false },
  { number: 6, city: 'Puebla', country: 'Mexico', year: 2015, yearFromSeed: false },
  { number: 7, city: 'San José', country: 'Costa Rica', year: 2016, yearFromSeed: false },
  { number: 8, city: 'Seoul', country: 'Republic of Korea', year: 2017, yearFromSeed: false },
  { number: 9, city: 'Luxembourg city', country: 'Luxembourg', year: 2018, yearFromSeed: false },
  { number: 10, city: 'Turin', country: 'Italy', year: 2019, yearFromSeed: false },
  { number: 11, city: 'Madrid', country: 'Spain', year: 2019, yearFromSeed: false },
  { number: 12, city: 'Tunisia', country: 'Tunisia', year: 2020, yearFromSeed: true, planned: true },
];

/** The Academy's aims, as the seed text states them; each edition gets a session per aim. */
export const DEMO_SESSIONS: readonly { key: string; title: LocalizedText; note: string }[] = [
  {
    key: 'concept',
    title: {
      en: 'Understanding the concept of SSE',
      fr: "Comprendre le concept d'ESS",
      es: 'Comprender el concepto de ESS',
    },
    note: 'SSE refers to enterprises and organizations (cooperatives, mutual benefit societies, associations, foundations and social enterprises) which produce goods, services and knowledge that meet the needs of the community they serve, through the pursuit of specific social and environmental objectives and the fostering of solidarity.',
  },
  {
    key: 'decent-work',
    title: {
      en: 'SSE as a development alternative and the Decent Work Agenda',
      fr: "L'ESS comme alternative de développement et l'Agenda du travail décent",
      es: 'La ESS como alternativa de desarrollo y la Agenda de Trabajo Decente',
    },
    note: "The training discusses the relevance of SSE as a development alternative and its relation to the ILO's Decent Work Agenda.",
  },
  {
    key: 'networks',
    title: {
      en: 'Building networks of SSE practitioners',
      fr: "Construire des réseaux de praticiens de l'ESS",
      es: 'Construir redes de profesionales de la ESS',
    },
    note: 'Practitioners and policymakers from all around the world share their experiences, best practices and challenges from their work in the SSE.',
  },
];

export interface DemoDocument {
  readonly key: string;
  readonly type: DocumentType;
  readonly title: string;
  readonly series: string | null;
  readonly year: number | null;
  readonly languages: readonly ContentLanguage[];
  readonly countries: readonly string[];
  readonly topics: readonly string[];
  /** The Academy edition whose reader this is. */
  readonly readerOf?: number;
}

/** "Main publications and outputs", as the seed lists them. */
export const DEMO_PUBLICATIONS: readonly DemoDocument[] = [
  {
    key: 'future-of-work-responses',
    type: 'publication',
    title:
      'Cooperatives and Social Solidarity Economy – Responses to key issues in the report of the Global Commission on the Future of Work',
    series: null,
    year: 2019,
    languages: ['en', 'es', 'fr'],
    countries: [],
    topics: ['future of work', 'cooperatives'],
  },
  {
    key: 'cwow-11',
    type: 'publication',
    title:
      'Cooperatives and the World of Work No.11: Towards a better understanding of the role of cooperatives in the ready-made garment supply chain',
    series: 'Cooperatives and the World of Work',
    year: 2019,
    languages: ['en', 'es', 'fr'],
    countries: [],
    topics: ['cooperatives', 'supply chains'],
  },
  {
    key: 'cwow-12',
    type: 'publication',
    title:
      'Cooperatives and the World of Work No.12: Waste pickers’ cooperatives and social and solidarity economy organizations',
    series: 'Cooperatives and the World of Work',
    year: 2019,
    languages: ['en'],
    countries: [],
    topics: ['cooperatives', 'waste pickers'],
  },
  {
    key: 'sse-future-of-work',
    type: 'publication',
    title: 'Social and Solidarity Economy and the Future of Work',
    series: null,
    year: 2017,
    languages: ['en', 'it', 'es'],
    countries: [],
    topics: ['future of work'],
  },
  {
    key: 'issue-note-6',
    type: 'publication',
    title:
      'The Future of Work Centenary Initiative Issue Note Series No. 6 – Cooperation in a changing world of work: Towards a cooperative future',
    series: 'The Future of Work Centenary Initiative Issue Note Series',
    year: 2017,
    languages: ['en', 'es', 'fr', 'ar', 'el', 'tr', 'ko', 'ja'],
    countries: [],
    topics: ['future of work', 'cooperatives'],
  },
  {
    key: 'seven-countries',
    type: 'report',
    title: 'Public policies for social and solidarity economy: Assessing progress in seven countries',
    series: null,
    year: 2017,
    languages: ['en'],
    countries: ['Europe', 'Brazil', 'Costa Rica', 'Nicaragua', 'Philippines', 'South Africa', 'Republic of Korea'],
    topics: ['public policies'],
  },
  {
    key: 'case-korea',
    type: 'case-study',
    title:
      'Public policies for the social and solidarity economy: Towards a favourable environment. The case of the Republic of Korea',
    series: null,
    year: 2017,
    languages: ['en'],
    countries: ['Republic of Korea'],
    topics: ['public policies'],
  },
  {
    key: 'case-south-africa',
    type: 'case-study',
    title:
      'Public policies for the Social and Solidarity Economy: Towards an enabling environment. The case of South Africa',
    series: null,
    year: 2017,
    languages: ['en'],
    countries: ['South Africa'],
    topics: ['public policies'],
  },
  {
    key: 'reader-2014',
    type: 'academy-reader',
    title:
      'Social and Solidarity Economy: towards inclusive and sustainable development – Reader of the ILO SSE Academy 2014',
    series: null,
    year: 2014,
    languages: ['en', 'es', 'pt'],
    countries: [],
    topics: ['sustainable development'],
    readerOf: 5,
  },
  {
    key: 'reader-2011',
    type: 'academy-reader',
    title: 'Social and Solidarity Economy: Our common road towards Decent Work – Reader for the ILO SSE Academy 2011',
    series: null,
    year: 2011,
    languages: ['en', 'es', 'fr'],
    countries: [],
    topics: ['decent work'],
    readerOf: 2,
  },
];

/**
 * The country case studies on public policies for SSE the seed lists (Europe,
 * Brazil, Costa Rica, Nicaragua, Philippines; South Africa and the Republic
 * of Korea are the publications above). Their exact titles and years are not
 * in the seed, so the title is descriptive and the year is left empty.
 */
export const DEMO_CASE_STUDIES: readonly DemoDocument[] = [
  'Europe',
  'Brazil',
  'Costa Rica',
  'Nicaragua',
  'Philippines',
].map((country) => ({
  key: `case-${country.toLowerCase().replace(/\s+/gu, '-')}`,
  type: 'case-study' as const,
  title: `Public policies for the social and solidarity economy: country case study – ${country}`,
  series: 'Country case studies on public policies for SSE',
  year: null,
  languages: ['en'],
  countries: [country],
  topics: ['public policies'],
}));

export const LANGUAGE_NAMES: Readonly<Record<ContentLanguage, string>> = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  pt: 'Portuguese',
  it: 'Italian',
  ar: 'Arabic',
  ko: 'Korean',
  ja: 'Japanese',
  el: 'Greek',
  tr: 'Turkish',
};
