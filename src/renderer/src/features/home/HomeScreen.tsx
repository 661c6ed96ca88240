import { useTranslation } from 'react-i18next';

const SECTIONS = ['forum', 'library', 'academy'] as const;

export function HomeScreen(): React.JSX.Element {
  const { t } = useTranslation('home');
  return (
    <section className="screen" aria-labelledby="home-title">
      <h1 id="home-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lead">{t('intro')}</p>
      <ul className="card-grid">
        {SECTIONS.map((section) => (
          <li key={section} className="card">
            <h2>{t(`sections.${section}.title`)}</h2>
            <p>{t(`sections.${section}.body`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
