import type { MatchRange } from '../../../../shared/search/highlight';

/** Text with its matches in <mark>: React elements only, never HTML from the text. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly MatchRange[] }): React.JSX.Element {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start > at) parts.push(text.slice(at, range.start));
    parts.push(<mark key={range.start}>{text.slice(range.start, range.end)}</mark>);
    at = range.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
