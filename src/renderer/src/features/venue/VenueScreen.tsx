import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveredHost } from '../../../../shared/venue/discovery';
import type { HostPack } from '../../../../shared/venue/lan';
import type { PackSummary, VenueProgress } from '../../../../shared/venue/contract-types';
import type { VenueStatus } from '../../../../shared/venue/contract';
import type { Settings } from '../../../../shared/settings';
import { AppError } from '../../../../shared/result';
import { useApi } from '../../app/api-context';
import { useDb } from '../../data/data-context';
import { formatBytes, formatDateTime } from '../../ui/format';
import { ArchiveExport } from './archive/ArchiveExport';
import { ExportPack } from './ExportPack';
import { importPack } from './import-pack';
import { collectReceipts, handOffWrites } from './relay-handoff';
import './venue.css';

type Message = { kind: 'status' | 'alert'; text: string } | null;

/** The venue kit: packs by drive, sharing on the venue network, the relay. */
export function VenueScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('venue');
  const api = useApi();
  const [status, setStatus] = useState<VenueStatus | null>(null);
  const [progress, setProgress] = useState<VenueProgress | null>(null);
  useEffect(() => {
    void api.venue.status().then((result) => result.ok && setStatus(result.value));
    const offStatus = api.on('venue.changed', setStatus);
    const offProgress = api.on('venue.progress', setProgress);
    return () => {
      offStatus();
      offProgress();
    };
  }, [api]);

  return (
    <section className="screen venue-screen" aria-labelledby="venue-title">
      <h1 id="venue-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lead">{t('intro')}</p>
      {status === null ? null : status.serverKeyId === null ? (
        <p className="field-error" role="status">
          {t('noServerKey')}
        </p>
      ) : (
        <p className="meta">{t('serverKey', { keyId: status.serverKeyId })}</p>
      )}
      <ImportPack progress={progress} />
      <ExportPack settings={settings} progress={progress} />
      <ShareSection status={status} />
      <JoinSection status={status} />
      <ArchiveExport settings={settings} progress={progress} />
    </section>
  );
}

export function ProgressLine({
  progress,
  packId,
}: {
  progress: VenueProgress | null;
  packId: string;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation('venue');
  if (progress?.packId !== packId || progress.phase === 'done' || progress.phase === 'failed') return null;
  return (
    <div className="venue-progress">
      <progress max={progress.totalBytes || 1} value={progress.doneBytes} aria-label={t('progressLabel')} />
      <p role="status" className="meta">
        {t(`phase.${progress.phase}`)} ·{' '}
        {t('progress', {
          done: formatBytes(progress.doneBytes, i18n.language),
          total: formatBytes(progress.totalBytes, i18n.language),
        })}
      </p>
    </div>
  );
}

export function errorText(
  t: (key: string, options?: Record<string, unknown>) => string,
  error: { code: string; message: string },
): string {
  return t(`errors.${error.code}`, { defaultValue: t('errors.other', { message: error.message }) });
}

function PackFacts({ pack }: { pack: PackSummary }): React.JSX.Element {
  const { t, i18n } = useTranslation('venue');
  return (
    <dl className="venue-facts">
      <dt>{t('facts.edition')}</dt>
      <dd>
        <bdi>{pack.title}</bdi>
      </dd>
      <dt>{t('facts.size')}</dt>
      <dd>{formatBytes(pack.bytes, i18n.language)}</dd>
      <dt>{t('facts.content')}</dt>
      <dd>
        {t('facts.contents', {
          items: t('facts.items', { count: pack.changes }),
          files: t('facts.files', { count: pack.files }),
        })}
      </dd>
      <dt>{t('facts.cut')}</dt>
      <dd>{formatDateTime(pack.cutAt, i18n.language)}</dd>
      {pack.base === null ? null : (
        <>
          <dt>{t('facts.kind')}</dt>
          <dd>{t('facts.delta')}</dd>
        </>
      )}
    </dl>
  );
}

function ImportPack({ progress }: { progress: VenueProgress | null }): React.JSX.Element {
  const { t } = useTranslation('venue');
  const api = useApi();
  const db = useDb();
  const pathId = useId();
  const [path, setPath] = useState('');
  const [pack, setPack] = useState<PackSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const inspect = async (): Promise<void> => {
    setMessage(null);
    const result = await api.venue.inspectPack({ path });
    if (result.ok) setPack(result.value);
    else {
      setPack(null);
      setMessage({ kind: 'alert', text: errorText(t, result.error) });
    }
  };
  const start = async (from: string): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const done = await importPack(api, db, from);
      setMessage({ kind: 'status', text: t('import.done', { title: done.title }) });
      setPack(null);
    } catch (error) {
      const value = error as { code?: string; message?: string };
      setMessage({
        kind: 'alert',
        text: errorText(t, { code: value.code ?? 'internal', message: value.message ?? '' }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="venue-section" aria-labelledby="venue-import">
      <h2 id="venue-import">{t('import.heading')}</h2>
      <p className="help">{t('import.help')}</p>
      <form
        className="venue-row"
        onSubmit={(event) => {
          event.preventDefault();
          void inspect();
        }}
      >
        <label htmlFor={pathId}>{t('import.path')}</label>
        <input
          id={pathId}
          type="text"
          dir="ltr"
          value={path}
          onChange={(event) => setPath(event.target.value)}
          required
        />
        <button type="submit" className="button-secondary" disabled={busy || path.trim() === ''}>
          {t('import.inspect')}
        </button>
      </form>
      {pack === null ? null : (
        <div className="venue-card">
          <PackFacts pack={pack} />
          {pack.state === 'imported' ? <p className="meta">{t('import.already')}</p> : null}
          <div className="button-row">
            <button type="button" className="button-primary" disabled={busy} onClick={() => void start(path)}>
              {pack.state === 'importing' ? t('import.resume') : t('import.start')}
            </button>
            {busy ? (
              <button
                type="button"
                className="button-secondary"
                onClick={() => void api.venue.cancel({ packId: pack.packId })}
              >
                {t('cancel')}
              </button>
            ) : null}
          </div>
          <ProgressLine progress={progress} packId={pack.packId} />
        </div>
      )}
      {message === null ? null : (
        <p className={message.kind === 'alert' ? 'field-error' : 'offline-note'} role={message.kind}>
          {message.text}
        </p>
      )}
    </section>
  );
}

function ShareSection({ status }: { status: VenueStatus | null }): React.JSX.Element {
  const { t } = useTranslation('venue');
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const host = status?.host ?? null;
  const toggle = async (): Promise<void> => {
    setError(null);
    const result = host === null ? await api.venue.startSharing({}) : await api.venue.stopSharing();
    if (!result.ok) setError(errorText(t, result.error));
  };
  return (
    <section className="venue-section" aria-labelledby="venue-share">
      <h2 id="venue-share">{t('share.heading')}</h2>
      <p className="help">{t('share.help')}</p>
      {host === null ? null : (
        <div className="venue-card" role="status">
          <p>
            {t('share.code')}{' '}
            <strong className="venue-code" dir="ltr">
              {host.code}
            </strong>
          </p>
          <p>
            {t('share.addresses')}{' '}
            <span dir="ltr">{host.addresses.length > 0 ? host.addresses.join(', ') : t('share.noAddress')}</span>
          </p>
          <p className="meta">
            {t('share.peers', { count: host.peers })} · {t('share.waiting', { count: host.waitingWrites })}
          </p>
        </div>
      )}
      <button
        type="button"
        className={host === null ? 'button-primary' : 'button-secondary'}
        onClick={() => void toggle()}
      >
        {host === null ? t('share.start') : t('share.stop')}
      </button>
      {error === null ? null : (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function JoinSection({ status }: { status: VenueStatus | null }): React.JSX.Element {
  const { t, i18n } = useTranslation('venue');
  const api = useApi();
  const db = useDb();
  const addressId = useId();
  const codeId = useId();
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [packs, setPacks] = useState<HostPack[] | { error: string } | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const peer = status?.peer ?? null;
  const hostAddress = peer?.address ?? null;

  // Asked again whenever this laptop (re)connects to a host, and on demand: the host may have new packs.
  const loadPacks = useCallback((): void => {
    void api.venue
      .hostPacks()
      .then((result) => setPacks(result.ok ? result.value : { error: errorText(t, result.error) }));
  }, [api, t]);
  useEffect(() => {
    if (hostAddress !== null) loadPacks();
  }, [hostAddress, loadPacks]);
  // Hosts are looked for by mDNS only while this section is on screen and not connected.
  const canDiscover = status?.discovery === true && peer === null;
  useEffect(() => {
    if (!canDiscover) return;
    void api.venue.browse({ on: true });
    return () => void api.venue.browse({ on: false });
  }, [api, canDiscover]);

  const run = async (work: () => Promise<string>): Promise<void> => {
    setMessage(null);
    try {
      setMessage({ kind: 'status', text: await work() });
    } catch (error) {
      const value = error as { code?: string; message?: string };
      setMessage({
        kind: 'alert',
        text: errorText(t, { code: value.code ?? 'internal', message: value.message ?? '' }),
      });
    }
  };
  const connect = async (): Promise<string> => {
    const result = await api.venue.connect({ address, code });
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    setCode('');
    return t('join.connected', { name: result.value.peer?.hostName ?? '' });
  };
  const fetchAndImport = async (pack: HostPack): Promise<string> => {
    const fetched = await api.venue.fetchPack({ packId: pack.packId });
    if (!fetched.ok) throw new AppError(fetched.error.code, fetched.error.message);
    const done = await importPack(api, db, fetched.value.path);
    return t('import.done', { title: done.title });
  };

  return (
    <section className="venue-section" aria-labelledby="venue-join">
      <h2 id="venue-join">{t('join.heading')}</h2>
      <p className="help">{t('join.help')}</p>
      {canDiscover ? (
        <DiscoveredHosts
          hosts={status.discovered}
          onChoose={(host) => {
            setAddress(addressOf(host));
            document.getElementById(codeId)?.focus();
          }}
        />
      ) : null}
      {peer === null ? (
        <form
          className="venue-row"
          onSubmit={(event) => {
            event.preventDefault();
            void run(connect);
          }}
        >
          <label htmlFor={addressId}>{t('join.address')}</label>
          <input
            id={addressId}
            type="text"
            dir="ltr"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            required
          />
          <label htmlFor={codeId}>{t('join.code')}</label>
          <input
            id={codeId}
            type="text"
            dir="ltr"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
          <button type="submit" className="button-primary">
            {t('join.connect')}
          </button>
        </form>
      ) : (
        <div className="venue-card">
          <p role="status">{t('join.connected', { name: peer.hostName })}</p>
          <div className="button-row">
            <button
              type="button"
              className="button-primary"
              onClick={() => void run(async () => t('join.handed', { count: await handOffWrites(api, db) }))}
            >
              {t('join.handOff')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() =>
                void run(async () => t('join.delivered', { count: (await collectReceipts(api, db)).applied }))
              }
            >
              {t('join.checkDelivery')}
            </button>
            <button type="button" className="button-secondary" onClick={() => void api.venue.disconnect()}>
              {t('join.disconnect')}
            </button>
          </div>
          <div className="venue-packs-head">
            <h3>{t('join.packs')}</h3>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setPacks(null);
                loadPacks();
              }}
            >
              {t('join.refresh')}
            </button>
          </div>
          {packs === null ? (
            <p className="meta">{t('join.loadingPacks')}</p>
          ) : 'error' in packs ? (
            <p className="field-error" role="alert">
              {packs.error}
            </p>
          ) : packs.length === 0 ? (
            <p className="meta">{t('join.noPacks')}</p>
          ) : (
            <ul className="row-list">
              {packs.map((pack) => (
                <li key={pack.packId} className="venue-pack">
                  <bdi>{pack.title}</bdi> <span className="meta">{formatBytes(pack.bytes, i18n.language)}</span>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => void run(() => fetchAndImport(pack))}
                  >
                    {t('join.get')}
                    <span className="visually-hidden"> {pack.title}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {message === null ? null : (
        <p className={message.kind === 'alert' ? 'field-error' : 'offline-note'} role={message.kind}>
          {message.text}
        </p>
      )}
    </section>
  );
}

function addressOf(host: DiscoveredHost): string {
  const [ip = ''] = host.addresses;
  return `${ip.includes(':') ? `[${ip}]` : ip}:${String(host.port)}`;
}

/** The venue hosts heard on the network; choosing one fills the address (the code is still typed). */
function DiscoveredHosts({
  hosts,
  onChoose,
}: {
  hosts: readonly DiscoveredHost[];
  onChoose: (host: DiscoveredHost) => void;
}): React.JSX.Element {
  const { t } = useTranslation('venue');
  return (
    <div className="venue-discovered" aria-labelledby="venue-discovered-title">
      <h3 id="venue-discovered-title">{t('join.nearby')}</h3>
      {hosts.length === 0 ? (
        <p className="meta" role="status">
          {t('join.searching')}
        </p>
      ) : (
        <ul className="row-list">
          {hosts.map((host) => (
            <li key={`${host.name} ${addressOf(host)}`} className="venue-pack">
              <bdi>{host.name}</bdi>{' '}
              <span className="meta" dir="ltr">
                {addressOf(host)}
              </span>
              <button type="button" className="button-secondary" onClick={() => onChoose(host)}>
                {t('join.choose')}
                <span className="visually-hidden"> {host.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
