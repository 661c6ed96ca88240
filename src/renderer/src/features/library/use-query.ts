import { useLiveQuery } from 'dexie-react-hooks';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

/**
 * A Dexie live query whose failure becomes a value the screen can show
 * (an error state), rather than an exception thrown during render.
 */
export function useQuery<T>(querier: () => Promise<T>, deps: unknown[]): QueryState<T> {
  const result = useLiveQuery(
    async (): Promise<QueryState<T>> => {
      try {
        return { status: 'ready', data: await querier() };
      } catch (error) {
        return { status: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
    deps,
    { status: 'loading' } as QueryState<T>,
  );
  return result;
}
