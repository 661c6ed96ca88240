import type { ContentLanguage } from '../../src/shared/languages';
import type { LocalizedText } from '../../src/shared/wire';

/**
 * Demo forum threads and news, written from the facts in ../shared/seeds, in
 * the languages the Academy works in. The posts are demo text, not quotes.
 */

export const DEMO_CATEGORIES: readonly { key: string; name: LocalizedText }[] = [
  {
    key: 'general',
    name: {
      en: 'General discussion',
      fr: 'Discussion générale',
      es: 'Discusión general',
      pt: 'Discussão geral',
      ar: 'نقاش عام',
      ko: '일반 토론',
    },
  },
  {
    key: 'academy',
    name: {
      en: 'SSE Academy alumni',
      fr: "Anciens de l'Académie ESS",
      es: 'Exalumnos de la Academia ESS',
      pt: 'Ex-participantes da Academia ESS',
      ar: 'خريجو أكاديمية الاقتصاد الاجتماعي والتضامني',
      ko: '사회연대경제 아카데미 동문',
    },
  },
  {
    key: 'policies',
    name: {
      en: 'Public policies',
      fr: 'Politiques publiques',
      es: 'Políticas públicas',
      pt: 'Políticas públicas',
      ar: 'السياسات العامة',
      ko: '공공 정책',
    },
  },
  {
    key: 'cooperatives',
    name: {
      en: 'Cooperatives and the world of work',
      fr: 'Coopératives et monde du travail',
      es: 'Cooperativas y mundo del trabajo',
      pt: 'Cooperativas e o mundo do trabalho',
      ar: 'التعاونيات وعالم العمل',
      ko: '협동조합과 일의 세계',
    },
  },
];

export interface DemoThread {
  readonly key: string;
  readonly category: string;
  readonly author: string;
  readonly language: ContentLanguage;
  readonly title: string;
  readonly tags: readonly string[];
  readonly pinned?: boolean;
  readonly locked?: boolean;
  /** [author key, markdown body]; the first is the opening post. */
  readonly posts: readonly (readonly [string, string])[];
}

export const DEMO_THREADS: readonly DemoThread[] = [
  {
    key: 'welcome',
    category: 'general',
    author: 'moderator',
    language: 'en',
    title: 'Welcome to the Collective Brain',
    tags: ['welcome'],
    pinned: true,
    locked: true,
    posts: [
      [
        'moderator',
        'The **Collective Brain** is a virtual multilingual interactive space that enriches the ILO Academy on Social and Solidarity Economy. It lets current, former and future participants stay engaged, cooperate and deepen their knowledge in spite of geographical distances and language barriers.\n\nPlease introduce yourself in the *SSE Academy alumni* category.',
      ],
    ],
  },
  {
    key: 'definition',
    category: 'general',
    author: 'participant',
    language: 'en',
    title: 'Is there a globally agreed definition of SSE?',
    tags: ['definition', 'ILO'],
    posts: [
      [
        'participant',
        'I am preparing a short briefing for our ministry. Is there a globally agreed definition of the social and solidarity economy?',
      ],
      [
        'facilitator',
        'There is none globally agreed. The ILO uses the definition adopted at the 2009 conference *"The Social Economy: Africa\'s response to the Global Crisis"*: enterprises and organizations, in particular cooperatives, mutual benefit societies, associations, foundations and social enterprises, which produce goods, services and knowledge while pursuing both economic and social aims and fostering solidarity.',
      ],
      [
        'moderator',
        'The ILO Recommendation on the Promotion of Cooperatives, 2002 (R.193) is also worth citing in such a briefing.',
      ],
    ],
  },
  {
    key: 'tunisie',
    category: 'academy',
    author: 'participant',
    language: 'fr',
    title: 'La 12e Académie en Tunisie : qui compte y participer ?',
    tags: ['académie', 'Tunisie'],
    posts: [
      [
        'participant',
        "La 12e édition de l'Académie est prévue pour le second semestre 2020 en Tunisie. Qui parmi les anciens de Turin ou de Madrid compte y participer ?",
      ],
      [
        'moderator',
        "Bonne idée ! Pensez à partager ici vos contacts de réseaux pour préparer les échanges avant l'Académie.",
      ],
    ],
  },
  {
    key: 'politicas',
    category: 'policies',
    author: 'facilitator',
    language: 'es',
    title: 'Políticas públicas para la ESS: experiencias en Costa Rica y Nicaragua',
    tags: ['políticas públicas', 'América Latina'],
    posts: [
      [
        'facilitator',
        'Los estudios de caso por país sobre políticas públicas para la economía social y solidaria incluyen Costa Rica y Nicaragua. ¿Qué aprendizajes podemos compartir desde nuestras organizaciones?',
      ],
      [
        'participant',
        'En nuestra cooperativa, el diálogo con las autoridades locales fue clave. Me interesa comparar con la experiencia de Puebla.',
      ],
    ],
  },
  {
    key: 'campinas',
    category: 'academy',
    author: 'moderator',
    language: 'pt',
    title: 'Lembranças da Academia de Campinas',
    tags: ['academia', 'Brasil'],
    posts: [
      [
        'moderator',
        'Quem participou da Academia de Economia Social e Solidária em Campinas? Compartilhem aqui as experiências e os contatos da rede.',
      ],
      [
        'facilitator',
        'O Brasil também faz parte dos estudos de caso sobre políticas públicas para a ESS. Vale a pena reler antes da próxima Academia.',
      ],
    ],
  },
  {
    key: 'tawuniyat',
    category: 'cooperatives',
    author: 'participant',
    language: 'ar',
    title: 'التعاونيات والاقتصاد الاجتماعي والتضامني في تونس والجزائر',
    tags: ['تعاونيات'],
    posts: [
      [
        'participant',
        'نفذت منظمة العمل الدولية مشاريع على المستوى القطري حول مؤسسات الاقتصاد الاجتماعي والتضامني في تونس والجزائر. هل لدى أحدكم تجربة مع هذه المشاريع؟',
      ],
      ['moderator', 'شكراً على السؤال. يمكنكم أيضاً الاطلاع على مذكرة القضايا رقم 6 المتاحة باللغة العربية.'],
    ],
  },
  {
    key: 'seoul',
    category: 'policies',
    author: 'facilitator',
    language: 'ko',
    title: '한국의 사회연대경제 공공 정책 사례',
    tags: ['공공 정책', '한국'],
    posts: [
      [
        'facilitator',
        '대한민국 사례 연구는 사회연대경제를 위한 우호적인 환경을 만드는 공공 정책을 다룹니다. 서울 아카데미 참가자분들의 경험을 나눠 주세요.',
      ],
      ['participant', '지역 정부와 협동조합의 협력이 인상적이었습니다. 다른 나라와 비교해 보면 좋겠습니다.'],
    ],
  },
];

export interface DemoNews {
  readonly key: string;
  readonly publishedAt: string;
  /** The one demo item pinned to the top of Home. */
  readonly pinned?: boolean;
  /** One news item, in each of these languages. */
  readonly versions: Partial<Record<ContentLanguage, { title: string; body: string }>>;
}

/** News from the seed facts; the dates are demo dates, not historical ones. */
export const DEMO_NEWS: readonly DemoNews[] = [
  {
    key: 'academy-12',
    publishedAt: '2020-02-03T09:00:00Z',
    pinned: true,
    versions: {
      en: {
        title: 'The 12th SSE Academy is being planned in Tunisia',
        body: 'The 12th edition of the ILO Social and Solidarity Economy Academy is being planned for the second half of 2020 in Tunisia.',
      },
      fr: {
        title: 'La 12e Académie ESS se prépare en Tunisie',
        body: "La 12e édition de l'Académie de l'OIT sur l'économie sociale et solidaire est prévue pour le second semestre 2020 en Tunisie.",
      },
      es: {
        title: 'Se prepara la 12.ª Academia de ESS en Túnez',
        body: 'La 12.ª edición de la Academia de la OIT sobre Economía Social y Solidaria está prevista para el segundo semestre de 2020 en Túnez.',
      },
    },
  },
  {
    key: 'case-studies',
    publishedAt: '2020-01-20T09:00:00Z',
    versions: {
      en: {
        title: 'Country case studies on public policies for SSE',
        body: 'Country case studies on public policies for Social and Solidarity Economy are available for Europe, Brazil, Costa Rica, Nicaragua, the Philippines, South Africa and the Republic of Korea.',
      },
      pt: {
        title: 'Estudos de caso sobre políticas públicas para a ESS',
        body: 'Estão disponíveis estudos de caso por país sobre políticas públicas para a Economia Social e Solidária: Europa, Brasil, Costa Rica, Nicarágua, Filipinas, África do Sul e República da Coreia.',
      },
    },
  },
  {
    key: 'coop-projects',
    publishedAt: '2020-01-10T09:00:00Z',
    versions: {
      en: {
        title: 'The ILO Cooperatives Unit backstops three country-level projects',
        body: "The ILO's Cooperatives Unit is technically backstopping three country-level projects on cooperatives and the social and solidarity economy, and undertaking multi-country research on SSE, the changing world of work and social finance.",
      },
    },
  },
  {
    key: 'untfsse',
    publishedAt: '2019-12-02T09:00:00Z',
    versions: {
      en: {
        title: 'The UN Inter-Agency Task Force on SSE',
        body: 'Chaired by the ILO, the UNTFSSE has 19 UN agencies and the OECD as members and 10 civil society organizations as observers. It supports the SSE as a means of implementing the Sustainable Development Goals.',
      },
      ar: {
        title: 'فرقة العمل المشتركة بين وكالات الأمم المتحدة المعنية بالاقتصاد الاجتماعي والتضامني',
        body: 'تترأس منظمة العمل الدولية فرقة العمل التي تضم 19 وكالة من وكالات الأمم المتحدة ومنظمة التعاون الاقتصادي والتنمية، و10 منظمات من المجتمع المدني بصفة مراقب.',
      },
      ko: {
        title: '사회연대경제에 관한 유엔 기관 간 태스크포스',
        body: '국제노동기구가 의장을 맡고 있는 이 태스크포스에는 19개 유엔 기관과 OECD가 회원으로, 10개 시민사회단체가 옵서버로 참여합니다.',
      },
    },
  },
];

/** Readers' translations of demo posts and news, so the feature shows in the demo. */
export interface DemoTranslation {
  /** `post:<thread key>:<post index>` or `news:<news key>`. */
  readonly target: `post:${string}:${number}` | `news:${string}`;
  readonly translator: string;
  readonly language: ContentLanguage;
  readonly title?: string;
  readonly body: string;
}

export const DEMO_TRANSLATIONS: readonly DemoTranslation[] = [
  {
    target: 'post:politicas:0',
    translator: 'moderator',
    language: 'en',
    body: 'The country case studies on public policies for the social and solidarity economy include Costa Rica and Nicaragua. What lessons can we share from our organizations?',
  },
  {
    target: 'post:definition:0',
    translator: 'facilitator',
    language: 'es',
    body: 'Estoy preparando una nota breve para nuestro ministerio. ¿Existe una definición acordada a nivel mundial de la economía social y solidaria?',
  },
  {
    target: 'news:coop-projects',
    translator: 'participant',
    language: 'fr',
    title: "L'unité des coopératives de l'OIT appuie trois projets nationaux",
    body: "L'unité des coopératives de l'OIT apporte un appui technique à trois projets nationaux sur les coopératives et l'économie sociale et solidaire, et mène des recherches dans plusieurs pays sur l'ESS, l'évolution du monde du travail et la finance sociale.",
  },
  {
    target: 'post:politicas:0',
    translator: 'admin',
    language: 'ko',
    body: '사회연대경제 공공정책에 관한 국가별 사례 연구에는 코스타리카와 니카라과가 포함되어 있습니다. 우리 조직들은 어떤 교훈을 나눌 수 있을까요?',
  },
];
