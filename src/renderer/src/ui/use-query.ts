import { useLiveQuery } from 'dexie-react-hooks';

export type QueryState<T> =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

const LOADING = { status: 'loading' } as const;

/**
 * A Dexie live query whose failure is a value, so each screen can show its
 * own error state instead of unmounting.
 */
export function useQuery<T>(querier: () => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const result = useLiveQuery(async (): Promise<QueryState<T>> => {
    try {
      return { status: 'ready', value: await querier() };
    } catch (error) {
      return { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }, [...deps]);
  return result ?? LOADING;
}
