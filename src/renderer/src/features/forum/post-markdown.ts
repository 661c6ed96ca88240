/**
 * Forum posts are markdown, not HTML: raw HTML in a post is shown as text.
 * This runs before the sanitizing renderer (marked + DOMPurify), so a hostile
 * post needs both layers to fail. Code (fenced, indented, inline) is left as
 * written, since markdown already shows it literally; `<https://…>` autolinks
 * stay links.
 */
export function neutralizeHtml(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  let previousBlankOrCode = true;
  for (const line of lines) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/u.exec(line);
    if (fence !== null) {
      out.push(line);
      if (fenceMatch?.[1] !== undefined && fenceMatch[1].startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMatch?.[1] !== undefined) {
      fence = fenceMatch[1];
      out.push(line);
      continue;
    }
    const indentedCode = /^( {4}|\t)/u.test(line) && previousBlankOrCode;
    if (indentedCode) {
      out.push(line);
      previousBlankOrCode = true;
      continue;
    }
    out.push(escapeOutsideCodeSpans(line));
    previousBlankOrCode = line.trim() === '';
  }
  return out.join('\n');
}

function escapeOutsideCodeSpans(line: string): string {
  let result = '';
  let index = 0;
  while (index < line.length) {
    const char = line[index] ?? '';
    if (char === '`') {
      const run = /^`+/u.exec(line.slice(index))?.[0] ?? '`';
      const close = line.indexOf(run, index + run.length);
      if (close !== -1) {
        result += line.slice(index, close + run.length);
        index = close + run.length;
        continue;
      }
      result += run;
      index += run.length;
      continue;
    }
    if (char === '<') {
      const autolink = /^<https?:\/\/[^\s<>]+>/u.exec(line.slice(index))?.[0];
      if (autolink !== undefined) {
        result += autolink;
        index += autolink.length;
        continue;
      }
      result += '&lt;';
      index += 1;
      continue;
    }
    result += char;
    index += 1;
  }
  return result;
}
