/**
 * Whether text pasted onto the page is an e-mail diagram worth opening (src/core/diagram.ts has
 * the format), decided cheaply, before the worker reads it. The test, in order:
 * 1. Quote markers (`>`), leading and trailing white space, blank lines and `====` banners are
 *    set aside, as the reader sets them aside.
 * 2. The first line left is the header: it must name every lane's column, `key:` as a word of
 *    its own (the page's lanes are the instance's tasks, the keys the diagram writes).
 * 3. At least one more line is left: a step.
 * Anything else (a link, a sentence, a stack trace) is left to the browser's own paste. The test
 * only guesses; the reader decides, and a diagram it cannot read is refused naming the line.
 */
export function isDiagramText(text: string, keys: readonly string[]): boolean {
  if (keys.length === 0) return false;
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[>\s]+/, '').trimEnd())
    .filter((l) => l !== '' && !l.startsWith('===='));
  if (lines.length < 2) return false;
  const words = lines[0].split(/\s+/);
  return keys.every((k) => words.some((w) => w.startsWith(`${k}:`)));
}
