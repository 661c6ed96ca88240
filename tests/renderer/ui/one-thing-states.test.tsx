import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OneThingStates } from '../../../src/renderer/src/ui/states';
import type { QueryState } from '../../../src/renderer/src/ui/use-query';

const TEXT = {
  loading: 'Loading…',
  error: 'Could not read it',
  notFound: 'Not here',
  notFoundBody: 'Sync, then look again.',
};

function show(query: QueryState<unknown>): HTMLElement {
  return render(<OneThingStates query={query} text={TEXT} />).container;
}

describe('what a screen about one thing shows before it has the thing', () => {
  it('says it is loading, as a status', () => {
    show({ status: 'loading' });
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });

  it('says what failed, as an alert', () => {
    show({ status: 'error', message: 'The database is closed' });
    expect(screen.getByRole('alert').textContent).toBe('Could not read itThe database is closed');
  });

  it('says the thing is not on this computer when the query found nothing', () => {
    show({ status: 'ready', value: null });
    expect(screen.getByText('Not here')).toBeDefined();
    expect(screen.getByText('Sync, then look again.')).toBeDefined();
  });

  it('shows nothing once the thing is there', () => {
    expect(show({ status: 'ready', value: { id: 'd1' } }).childElementCount).toBe(0);
  });
});
