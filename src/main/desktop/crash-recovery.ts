export type CrashPromptKind = 'crashed' | 'unresponsive';
/** What the user chose; `dismissed` when the prompt was withdrawn (the window recovered by itself). */
export type CrashChoice = 'reload' | 'quit' | 'wait' | 'dismissed';

/**
 * What recovery may do to the window. Reloading the page is all it takes:
 * the outbox and the drafts live in IndexedDB, committed before the UI said
 * "saved", so nothing here clears, resets or rewrites any stored data.
 */
export interface CrashRecoveryPort {
  /** Asks the user; the signal withdraws the question. */
  prompt(kind: CrashPromptKind, signal: AbortSignal): Promise<CrashChoice>;
  reload(): void;
  quit(): void;
  /** A hidden window (syncing in the background, from the tray) is reloaded without asking anyone. */
  windowVisible(): boolean;
  log(message: string): void;
}

/** Reasons Electron gives for a renderer that went away normally (a reload, the window closing). */
const NORMAL_EXITS = new Set(['clean-exit']);

/**
 * A crashed or hung renderer shows a "Reload" dialog instead of a blank or
 * frozen window. One question at a time: a crash replaces a pending "not
 * responding" question, and a window that answers again withdraws it.
 */
/** A hidden renderer that keeps crashing is not reloaded behind the user's back forever. */
export const MAX_SILENT_RELOADS = 3;

export class CrashRecovery {
  private silentReloads = 0;
  private open: { kind: CrashPromptKind; controller: AbortController } | null = null;

  constructor(private readonly port: CrashRecoveryPort) {}

  async rendererGone(details: { reason: string; exitCode: number }): Promise<void> {
    if (NORMAL_EXITS.has(details.reason)) return;
    this.port.log(`renderer gone: ${details.reason} (exit code ${String(details.exitCode)})`);
    if (this.open?.kind === 'crashed') return;
    if (!this.port.windowVisible() && this.silentReloads < MAX_SILENT_RELOADS) {
      this.silentReloads += 1;
      this.port.reload();
      return;
    }
    const choice = await this.ask('crashed');
    if (choice === 'reload') this.port.reload();
    if (choice === 'quit') this.port.quit();
  }

  async unresponsive(): Promise<void> {
    if (this.open !== null) return;
    this.port.log('renderer not responding');
    const choice = await this.ask('unresponsive');
    if (choice === 'reload') this.port.reload();
  }

  responsive(): void {
    if (this.open?.kind !== 'unresponsive') return;
    this.port.log('renderer responding again');
    this.open.controller.abort();
  }

  private async ask(kind: CrashPromptKind): Promise<CrashChoice> {
    this.open?.controller.abort();
    const controller = new AbortController();
    const mine = { kind, controller };
    this.open = mine;
    try {
      const choice = await this.port.prompt(kind, controller.signal);
      return controller.signal.aborted ? 'dismissed' : choice;
    } finally {
      if (this.open === mine) this.open = null;
    }
  }
}
