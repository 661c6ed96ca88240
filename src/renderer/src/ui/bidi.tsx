import { listFormat } from './format';

/**
 * `<Trans components={ISOLATE}>` for resource strings that mark user-written
 * text (a name, an address, a title) as `<bdi>{{value}}</bdi>`: the value
 * keeps its own direction inside the translated sentence, so an English name
 * in an Arabic sentence (or an Arabic one in English) does not pull the
 * punctuation and numbers around it to the wrong side.
 */
export const ISOLATE = { bdi: <bdi /> };

/**
 * The same isolation for a value interpolated into a plain string (a
 * heading passed as a prop, an accessible name): Unicode FSI … PDI.
 */
export function isolateText(text: string): string {
  return `\u2068${text}\u2069`;
}

/**
 * A list of user-written items (topics, tags) punctuated by the UI
 * language ("a, b and c", "a وb"), each item isolated in its own `<bdi>`.
 */
export function IsolatedList({ items, locale }: { items: readonly string[]; locale: string }): React.JSX.Element {
  const parts = listFormat(locale).formatToParts(items);
  return (
    <>
      {parts.map((part, index) =>
        part.type === 'element' ? <bdi key={index}>{part.value}</bdi> : <span key={index}>{part.value}</span>,
      )}
    </>
  );
}
