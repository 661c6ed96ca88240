import type { ReactNode } from 'react';

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
