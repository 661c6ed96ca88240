import { describe, expect, it } from 'vitest';
import {
  CrashRecovery,
  MAX_SILENT_RELOADS,
  type CrashChoice,
  type CrashPromptKind,
} from '../../../src/main/desktop/crash-recovery';

/** A window and a user: the test answers each question when it likes. */
function harness(visible = true) {
  const events: string[] = [];
  const questions: { kind: CrashPromptKind; signal: AbortSignal; answer: (choice: CrashChoice) => void }[] = [];
  const recovery = new CrashRecovery({
    prompt: (kind, signal) =>
      new Promise((resolve) => {
        questions.push({ kind, signal, answer: resolve });
        signal.addEventListener('abort', () => resolve('dismissed'));
      }),
    reload: () => events.push('reload'),
    quit: () => events.push('quit'),
    windowVisible: () => visible,
    log: () => undefined,
  });
  return { recovery, events, questions };
}

const crashed = { reason: 'crashed', exitCode: 139 };

describe('CrashRecovery', () => {
  it('asks to reload after a crash, and reloads the page (nothing else) when the user agrees', async () => {
    const { recovery, events, questions } = harness();
    const done = recovery.rendererGone(crashed);
    expect(questions.map((q) => q.kind)).toEqual(['crashed']);
    questions[0]?.answer('reload');
    await done;
    expect(events).toEqual(['reload']);
  });

  it('quits when the user chooses to', async () => {
    const { recovery, events, questions } = harness();
    const done = recovery.rendererGone({ reason: 'oom', exitCode: 0 });
    questions[0]?.answer('quit');
    await done;
    expect(events).toEqual(['quit']);
  });

  it.each(['killed', 'oom', 'launch-failed', 'integrity-failure', 'abnormal-exit', 'memory-eviction'])(
    'treats a renderer gone for “%s” as a crash',
    (reason) => {
      const { recovery, questions } = harness();
      void recovery.rendererGone({ reason, exitCode: 1 });
      expect(questions.map((q) => q.kind)).toEqual(['crashed']);
    },
  );

  it('asks nothing when the renderer went away normally (a reload, the window closing)', async () => {
    const { recovery, events, questions } = harness();
    await recovery.rendererGone({ reason: 'clean-exit', exitCode: 0 });
    expect(questions).toEqual([]);
    expect(events).toEqual([]);
  });

  it('asks once about a hang, and withdraws the question when the window answers again', async () => {
    const { recovery, events, questions } = harness();
    const done = recovery.unresponsive();
    void recovery.unresponsive();
    expect(questions).toHaveLength(1);
    recovery.responsive();
    await done;
    expect(questions[0]?.signal.aborted).toBe(true);
    expect(events).toEqual([]);
  });

  it('reloads a hung window when the user chooses to, and lets it be when they wait', async () => {
    const first = harness();
    const reloading = first.recovery.unresponsive();
    first.questions[0]?.answer('reload');
    await reloading;
    expect(first.events).toEqual(['reload']);

    const second = harness();
    const waiting = second.recovery.unresponsive();
    second.questions[0]?.answer('wait');
    await waiting;
    expect(second.events).toEqual([]);
  });

  it('replaces a pending hang question with the crash question', async () => {
    const { recovery, events, questions } = harness();
    const hang = recovery.unresponsive();
    const crash = recovery.rendererGone(crashed);
    await hang;
    expect(questions.map((q) => q.kind)).toEqual(['unresponsive', 'crashed']);
    expect(questions[0]?.signal.aborted).toBe(true);
    questions[1]?.answer('reload');
    await crash;
    expect(events).toEqual(['reload']);
  });

  it('does not stack a second crash question', () => {
    const { recovery, questions } = harness();
    void recovery.rendererGone(crashed);
    void recovery.rendererGone(crashed);
    expect(questions).toHaveLength(1);
  });

  it('reloads a hidden window (syncing from the tray) without asking, a few times, then asks', async () => {
    const { recovery, events, questions } = harness(false);
    for (let i = 0; i < MAX_SILENT_RELOADS; i += 1) await recovery.rendererGone(crashed);
    expect(events).toEqual(Array.from({ length: MAX_SILENT_RELOADS }, () => 'reload'));
    expect(questions).toEqual([]);
    void recovery.rendererGone(crashed);
    expect(questions.map((q) => q.kind)).toEqual(['crashed']);
  });
});
