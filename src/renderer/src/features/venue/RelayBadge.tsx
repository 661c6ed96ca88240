import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context';

/** "Handed to the venue host" on an outbox write the venue relay is carrying (delivered ones leave the outbox). */
export function RelayBadge({ mutationId }: { mutationId: string }): React.JSX.Element | null {
  const { t } = useTranslation('venue');
  const api = useApi();
  const [state, setState] = useState<'handed' | 'delivered' | undefined>(undefined);
  useEffect(() => {
    const read = (): void =>
      void api.venue.relayStates().then((result) => result.ok && setState(result.value[mutationId]));
    read();
    return api.on('venue.changed', read);
  }, [api, mutationId]);
  if (state === undefined) return null;
  return <span className="badge outbox-relay"> {t(`relay.${state}`)}</span>;
}
