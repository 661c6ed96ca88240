import { useEffect, useState } from 'react';
import type { Connectivity } from '../../../shared/contract';
import { useApi } from './api-context';

/**
 * Whether the server answers, as main judges it from real requests. The
 * browser's own online/offline events only prompt main to check again.
 */
export function useConnectivity(): Connectivity | null {
  const api = useApi();
  const [state, setState] = useState<Connectivity | null>(null);
  useEffect(() => {
    let live = true;
    void api.sync.connectivity().then((result) => {
      if (live && result.ok) setState(result.value);
    });
    const off = api.on('sync.connectivity', setState);
    const recheck = (): void => {
      void api.sync.checkConnectivity();
    };
    window.addEventListener('online', recheck);
    window.addEventListener('offline', recheck);
    return () => {
      live = false;
      off();
      window.removeEventListener('online', recheck);
      window.removeEventListener('offline', recheck);
    };
  }, [api]);
  return state;
}
