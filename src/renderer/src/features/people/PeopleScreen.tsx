import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue } from '../../../../shared/result';
import type { Account, Invitation } from '../../../../shared/wire/people';
import { useApi } from '../../app/api-context';
import { useConnectivity } from '../../app/connectivity';
import { useCan, useSession } from '../../app/session-context';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useDebouncedValue } from '../../ui/use-debounced';
import { AccountRow } from './AccountRow';
import { InvitationPanel } from './InvitationPanel';
import { InviteForm } from './InviteForm';
import { peopleError } from './people-errors';
import './people.css';

/** How long typing in the search box pauses before the server is asked. */
export const SEARCH_DELAY_MS = 300;

/** Failures that mean "no connection to the server", not a fault to report. */
const UNREACHABLE = new Set(['offline', 'unavailable']);

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: AppErrorValue }
  | { status: 'ready'; accounts: Account[]; more: boolean };

/**
 * Admins' People screen: every account on the server, searchable by name or
 * email, with roles, disabling and invitations. Accounts are not synced
 * content (emails are private), so this screen asks the server directly and
 * needs a connection; it says so when there is none.
 */
export function PeopleScreen(): React.JSX.Element {
  const { t } = useTranslation('people');
  const api = useApi();
  const session = useSession();
  const allowed = useCan('users.manage');
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [reload, setReload] = useState(0);
  const latest = useRef(0);
  const asked = useDebouncedValue(query, SEARCH_DELAY_MS);
  const reachable = useConnectivity()?.reachable;

  useEffect(() => {
    if (!allowed) return;
    const call = (latest.current += 1);
    void api.people.search({ query: asked }).then((result) => {
      // Only the answer to the latest query is shown (an earlier one may come back later).
      if (call !== latest.current) return;
      setList(
        result.ok
          ? { status: 'ready', accounts: result.value.accounts, more: result.value.more }
          : { status: 'error', error: result.error },
      );
    });
  }, [api, asked, allowed, reload]);

  // What the server's answer says decides (it is the newest news of the connection); main's connectivity only
  // prompts a new question when it sees the server answer again.
  const unreachable = list.status === 'error' && UNREACHABLE.has(list.error.code);
  const wasReachable = useRef(reachable);
  useEffect(() => {
    if (wasReachable.current === false && reachable === true) setReload((n) => n + 1);
    wasReachable.current = reachable;
  }, [reachable]);
  const retry = (): void => {
    setList({ status: 'loading' });
    setReload((n) => n + 1);
    // The status area learns of it too.
    void api.sync.checkConnectivity();
  };

  const replace = (account: Account): void =>
    setList((current) =>
      current.status === 'ready'
        ? { ...current, accounts: current.accounts.map((row) => (row.id === account.id ? account : row)) }
        : current,
    );

  if (!allowed) {
    return (
      <section className="screen" aria-labelledby="people-title">
        <h1 id="people-title" tabIndex={-1}>
          {t('title')}
        </h1>
        <ErrorState title={t('notAllowed')} />
      </section>
    );
  }

  return (
    <section className="screen people-screen" aria-labelledby="people-title">
      <h1 id="people-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lead">{t('lead')}</p>
      {unreachable ? (
        // People lives on the server, not on this computer: without it there is nothing to show or change.
        <div className="state state-offline" role="status">
          <p className="state-title">{t('offline.title')}</p>
          <p className="help">{t('offline.body')}</p>
          <button type="button" className="button-secondary" onClick={retry}>
            {t('retry')}
          </button>
        </div>
      ) : (
        <>
          {invitation !== null ? (
            <InvitationPanel invitation={invitation} onDone={() => setInvitation(null)} />
          ) : (
            <InviteForm
              onInvited={(created) => {
                setInvitation(created);
                setReload((n) => n + 1);
              }}
            />
          )}
          <h2 className="section-title">{t('accounts')}</h2>
          <div className="people-search">
            <label htmlFor={searchId}>{t('search')}</label>
            <input
              id={searchId}
              type="search"
              dir="auto"
              value={query}
              placeholder={t('searchPlaceholder')}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          {list.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
          {list.status === 'error' ? (
            <ErrorState title={t('loadFailed')}>
              <p>{peopleError(t, list.error)}</p>
              <button type="button" className="button-secondary" onClick={retry}>
                {t('retry')}
              </button>
            </ErrorState>
          ) : null}
          {list.status === 'ready' && list.accounts.length === 0 ? (
            <EmptyState title={query.trim() === '' ? t('empty') : t('noMatch', { query: query.trim() })}>
              <p>{t('emptyHelp')}</p>
            </EmptyState>
          ) : null}
          {list.status === 'ready' && list.accounts.length > 0 ? (
            <>
              <p className="meta" role="status">
                {list.more
                  ? t('countMore', { count: list.accounts.length })
                  : t('count', { count: list.accounts.length })}
              </p>
              <ul className="row-list account-list" aria-label={t('accounts')}>
                {list.accounts.map((account) => (
                  <AccountRow
                    key={account.id}
                    account={account}
                    isSelf={account.id === session.user?.id}
                    onChanged={replace}
                    onInvitation={setInvitation}
                  />
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
