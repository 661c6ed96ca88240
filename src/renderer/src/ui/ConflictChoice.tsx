import { useId, useState, type ReactNode } from 'react';
import { useDb } from '../data/data-context';
import type { OutboxItem } from '../data/db';
import { keepMine, takeTheirs } from '../data/outbox';
import './conflict.css';

/** The words of a conflict panel, translated by the feature that shows it. */
export interface ConflictLabels {
  title: string;
  explain: string;
  mine: string;
  theirs: string;
  keepMine: string;
  takeTheirs: string;
  failed: string;
}

/**
 * Someone else changed what the user edited: both versions side by side,
 * and the user keeps theirs or takes the server's (outbox `keepMine` /
 * `takeTheirs`). Nothing is lost until they choose. The feature renders each
 * side (a post body, a translation with its title) and passes its words.
 */
export function ConflictChoice({
  item,
  labels,
  mine,
  theirs,
}: {
  item: OutboxItem;
  labels: ConflictLabels;
  mine: ReactNode;
  theirs: ReactNode;
}): React.JSX.Element {
  const db = useDb();
  const headingId = useId();
  const [failed, setFailed] = useState(false);

  const choose = (choice: typeof keepMine): void => {
    if (item.seq === undefined) return;
    setFailed(false);
    choice(db, item.seq).catch(() => setFailed(true));
  };

  return (
    <section className="conflict-choice" aria-labelledby={headingId}>
      <p id={headingId} className="conflict-choice-title">
        {labels.title}
      </p>
      <p className="help">{labels.explain}</p>
      <div className="conflict-choice-columns">
        <div className="conflict-choice-side">
          <h4>{labels.mine}</h4>
          {mine}
        </div>
        <div className="conflict-choice-side">
          <h4>{labels.theirs}</h4>
          {theirs}
        </div>
      </div>
      <div className="conflict-choice-actions">
        <button type="button" className="button-primary" onClick={() => choose(keepMine)}>
          {labels.keepMine}
        </button>
        <button type="button" className="button-secondary" onClick={() => choose(takeTheirs)}>
          {labels.takeTheirs}
        </button>
      </div>
      {failed ? (
        <p className="field-error" role="alert">
          {labels.failed}
        </p>
      ) : null}
    </section>
  );
}
