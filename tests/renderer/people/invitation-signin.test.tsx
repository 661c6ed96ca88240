import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '../../../src/renderer/src/app/api-context';
import { takeHeldNavigation } from '../../../src/renderer/src/features/desktop/held-navigation';
import { SignInScreen } from '../../../src/renderer/src/features/signin/SignInScreen';
import type { Api } from '../../../src/shared/contract';
import type { NavTarget } from '../../../src/shared/desktop';
import { ok } from '../../../src/shared/result';
import { createHarness, SETTINGS, type Harness } from '../forum/harness';

/** An invitation link that launched the app opens "I have an invitation" with its code. */
let harness: Harness;
afterEach(async () => {
  await harness.cleanup();
});

const INFO = {
  name: 'Collective Brain',
  version: '0.0.0-test',
  platform: 'linux',
  hostKind: 'browser' as const,
  systemLanguages: ['en'],
};

async function showWithPending(target: NavTarget | null): Promise<void> {
  harness = await createHarness();
  let pending = target;
  const api: Api = {
    ...harness.api,
    shell: {
      ...harness.api.shell,
      takeNavigation: () => {
        const taken = pending;
        pending = null;
        return Promise.resolve(ok(taken));
      },
    },
  };
  await harness.show(
    <ApiContext.Provider value={api}>
      <SignInScreen info={INFO} settings={SETTINGS} />
    </ApiContext.Provider>,
  );
}

describe('the sign-in screen and links', () => {
  it('opens the invitation form with the code from the link', async () => {
    await showWithPending({ screen: 'invitation', code: 'ABCDEFGHJKMNPQRSTVWX' });
    await screen.findByRole('heading', { name: 'Join with an invitation' });
    expect(screen.getByLabelText('Invitation code')).toHaveProperty('value', 'ABCDEFGHJKMNPQRSTVWX');
    act(() => screen.getByRole('button', { name: 'Sign in with a password instead' }).click());
    await screen.findByRole('heading', { name: 'Sign in to the Collective Brain' });
  });

  it('keeps any other link for after sign-in', async () => {
    const thread: NavTarget = { screen: 'thread', threadId: '6f1d1e2a-8c3b-4d5e-9f00-0000000000a1' };
    await showWithPending(thread);
    await screen.findByRole('heading', { name: 'Sign in to the Collective Brain' });
    await expect.poll(() => takeHeldNavigation()).toEqual(thread);
  });
});
