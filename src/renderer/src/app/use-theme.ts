import { useEffect } from 'react';
import type { Theme } from '../../../shared/settings';

/** Applies the chosen theme to <html>; "system" follows prefers-color-scheme live. */
export function useTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'system') {
      root.dataset['theme'] = theme;
      return;
    }
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      root.dataset['theme'] = query.matches ? 'dark' : 'light';
    };
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}
