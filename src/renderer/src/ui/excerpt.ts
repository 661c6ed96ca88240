import { marked, type Token, type Tokens } from 'marked';

/**
 * Short forms of markdown text: an excerpt to read ("In reply to …", a news card) and a quote to answer with.
 * Both are cut where a reader expects a cut: after a whole word (Intl.Segmenter, so Korean, Japanese and
 * Chinese words count too) or, for a quote, after a whole sentence.
 */

/** The text a reader sees, without markdown's marks; quoted passages (`> …`) left out. */
export function plainText(markdown: string): string {
  const parts: string[] = [];
  const walk = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      switch (token.type) {
        case 'blockquote':
        case 'hr':
        case 'space':
          parts.push(' ');
          break;
        case 'image':
          parts.push((token as Tokens.Image).text);
          break;
        case 'br':
          parts.push(' ');
          break;
        case 'list':
          for (const item of (token as Tokens.List).items) {
            walk(item.tokens);
            parts.push(' ');
          }
          break;
        case 'table': {
          const table = token as Tokens.Table;
          for (const row of [table.header, ...table.rows]) {
            for (const cell of row) {
              walk(cell.tokens);
              parts.push(' ');
            }
          }
          break;
        }
        default:
          if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) walk(token.tokens);
          else if ('text' in token && typeof token.text === 'string') parts.push(token.text);
          if (token.type === 'paragraph' || token.type === 'heading' || token.type === 'code') parts.push(' ');
      }
    }
  };
  walk(marked.lexer(markdown, { gfm: true }));
  return decodeEntities(parts.join('')).replace(/\s+/gu, ' ').trim();
}

/** marked keeps `&amp;` and the like as written in the text tokens; a reader sees the character. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/gu, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(granularity: 'word' | 'sentence' | 'grapheme', locale: string | undefined): Intl.Segmenter {
  const key = `${granularity} ${locale ?? ''}`;
  let found = segmenters.get(key);
  if (found === undefined) {
    found = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, found);
  }
  return found;
}

/**
 * At most `max` characters (the ellipsis included), cut right after the last whole word that fits. A single
 * word longer than `max` (a link) is cut between characters (graphemes, never inside one).
 */
export function cutAtWord(text: string, max: number, locale?: string): string {
  if (text.length <= max) return text;
  const room = max - 1;
  let end = 0;
  for (const segment of segmenter('word', locale).segment(text)) {
    const segmentEnd = segment.index + segment.segment.length;
    if (segmentEnd > room) break;
    if (segment.isWordLike === true) end = segmentEnd;
  }
  if (end === 0) {
    for (const segment of segmenter('grapheme', locale).segment(text)) {
      const segmentEnd = segment.index + segment.segment.length;
      if (segmentEnd > room) break;
      end = segmentEnd;
    }
  }
  return `${text.slice(0, end).trimEnd()}…`;
}

/** A reading excerpt of markdown: its plain text, cut after a whole word. */
export function excerpt(markdown: string, max = 200, locale?: string): string {
  return cutAtWord(plainText(markdown), max, locale);
}

/** Quoting a post: its own text (not what it quoted), whole if short, else its first sentences, as markdown. */
export function quoteOf(markdown: string, max = 400, locale?: string): string {
  const own = markdown
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n')
    .trim();
  let quoted: string;
  if (own.length <= max) {
    quoted = own;
  } else {
    // Too long to quote whole: its first sentences, as plain text (a cut inside markdown could leave a
    // lone `**` or an open link), or its first words when a single sentence is already too long.
    const text = plainText(own);
    let end = 0;
    for (const segment of segmenter('sentence', locale).segment(text)) {
      const segmentEnd = segment.index + segment.segment.trimEnd().length;
      if (segmentEnd > max - 1) break;
      end = segmentEnd;
    }
    quoted = end >= max / 3 ? `${text.slice(0, end)} …` : cutAtWord(text, max, locale);
  }
  return `${quoted
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n')}\n\n`;
}
