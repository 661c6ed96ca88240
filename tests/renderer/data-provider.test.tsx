import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DataProvider, useDb } from '../../src/renderer/src/data/data-context';
import { startInProcessApp } from '../support/in-process';
import { makeTempDir } from '../support/temp-dir';

function DbName(): React.JSX.Element {
  return <p>{useDb().name}</p>;
}

describe('DataProvider', () => {
  it('keeps one cache per account, so another person signing in never sees or sends this one', async () => {
    const { dir, cleanup } = await makeTempDir();
    const { api } = await startInProcessApp(dir, ['en'], { offline: true });
    const { unmount } = render(
      <DataProvider api={api} userId="4597e068-643d-5087-a10a-5a19922890a5">
        <DbName />
      </DataProvider>,
    );
    expect(screen.getByText('collective-brain-4597e068-643d-5087-a10a-5a19922890a5')).toBeDefined();
    unmount();
    render(
      <DataProvider api={api} userId="431f2b2d-891e-581d-be92-8188edb54b22">
        <DbName />
      </DataProvider>,
    );
    expect(screen.getByText('collective-brain-431f2b2d-891e-581d-be92-8188edb54b22')).toBeDefined();
    await cleanup();
  });
});
