import type { ReactNode } from 'react';
import type { QueryState } from './use-query';

/** What a screen shows while its data loads, when there is none, or when it failed. */
export function LoadingState({ label }: { label: string }): React.JSX.Element {
  return (
    <p className="state state-loading" role="status">
      {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }): React.JSX.Element {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ title, children }: { title: string; children?: ReactNode }): React.JSX.Element {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/**
 * What a screen about one thing (a document, a collection, a news item) shows until it has the thing:
 * loading, the failure, or that it is not on this computer. Nothing once it is there.
 */
export function OneThingStates({
  query,
  text,
}: {
  query: QueryState<unknown>;
  text: { loading: string; error: string; notFound: string; notFoundBody: string };
}): React.JSX.Element | null {
  if (query.status === 'loading') return <LoadingState label={text.loading} />;
  if (query.status === 'error') {
    return (
      <ErrorState title={text.error}>
        <p>{query.message}</p>
      </ErrorState>
    );
  }
  if (query.value !== null && query.value !== undefined) return null;
  return (
    <EmptyState title={text.notFound}>
      <p>{text.notFoundBody}</p>
    </EmptyState>
  );
}
