import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { pickUiLanguage } from '../../shared/languages';
import { resolveApi } from './api/api';
import { App } from './app/App';
import { MissingSecret } from './app/MissingSecret';
import { createI18n } from './i18n';
import './styles/app.css';

async function boot(): Promise<void> {
  // Until the settings arrive, speak the browser's language; the settings then decide.
  const i18n = await createI18n(pickUiLanguage(navigator.languages));
  document.documentElement.lang = i18n.language;
  document.documentElement.dir = i18n.dir(i18n.language);
  const resolution = resolveApi();
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root');
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        {resolution.kind === 'ready' ? (
          <App api={resolution.api} connection={resolution.connection} />
        ) : (
          <MissingSecret />
        )}
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
