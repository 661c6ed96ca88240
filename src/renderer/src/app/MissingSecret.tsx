import { useTranslation } from 'react-i18next';

/** Browser mode opened without the launch secret: say where to find the right address. */
export function MissingSecret(): React.JSX.Element {
  const { t } = useTranslation('shell');
  return (
    <main className="boot-message">
      <h1>{t('errors.missingSecret.title')}</h1>
      <p>{t('errors.missingSecret.body')}</p>
    </main>
  );
}
