import type { AllHandlers, Handlers } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Host } from '../host/host';
import { isAllowedExternalUrl } from '../security/external-url';
import type { EventBus } from './events';
import { NoticeBoard } from './notice-board';
import { SettingsService } from './settings-service';

export interface Services {
  readonly handlers: AllHandlers;
  readonly settings: SettingsService;
  readonly notices: NoticeBoard;
}

export interface ServicesOptions {
  host: Host;
  events: EventBus;
  serverUrlOverride?: string;
}

/** Builds every main-process service on a Host and exposes them as the contract's handlers. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const { host, events } = options;
  const notices = new NoticeBoard(events.emit);
  const settings = await SettingsService.open({
    userDataDir: host.paths.userData,
    systemLanguages: host.systemLanguages(),
    emit: events.emit,
    notices,
    ...(options.serverUrlOverride !== undefined ? { serverUrlOverride: options.serverUrlOverride } : {}),
  });

  const app = {
    info: () => ({
      name: host.appName,
      version: host.appVersion,
      platform: host.platform,
      hostKind: host.kind,
      systemLanguages: host.systemLanguages(),
    }),
    notices: () => notices.list(),
    dismissNotice: ({ id }) => {
      notices.dismiss(id);
      return null;
    },
  } satisfies Handlers<'app'>;

  const settingsHandlers = {
    get: () => settings.get(),
    set: (patch) => settings.set(patch),
  } satisfies Handlers<'settings'>;

  const shell = {
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url))
        throw new AppError('external-url-refused', 'This link cannot be opened outside the app.');
      await host.openExternal(url);
      return null;
    },
  } satisfies Handlers<'shell'>;

  return { handlers: { app, settings: settingsHandlers, shell }, settings, notices };
}
