// The parts of the repository's Markdown that the docs tests run or check.
import { readdirSync, readFileSync } from 'node:fs';

export interface Fence {
  file: string;
  /** The info string: sh, console, json, … */
  lang: string;
  text: string;
  /** Where the fence ends in the file, so that the fence right after it can be found. */
  end: number;
  start: number;
}

/** README.md and every page of docs/. */
export const DOC_FILES = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The fenced code blocks of a file (or of the part of it under one heading), in order. */
export function fences(file: string, heading?: string): Fence[] {
  const text = heading === undefined ? readFileSync(file, 'utf8') : section(readFileSync(file, 'utf8'), heading);
  return [...text.matchAll(/^ *```(\w*)\n([\s\S]*?)^ *```$/gm)]
    .map((m) => ({ file, lang: m[1]!, text: m[2]!, start: m.index, end: m.index + m[0].length }));
}

/** From a `## heading` line to the next heading of that level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no '${heading}'`);
  const level = /^#+/.exec(heading)![0];
  const next = text.slice(start + heading.length + 2).search(new RegExp(`^${level} `, 'm'));
  return next < 0 ? text.slice(start) : text.slice(start, start + heading.length + 2 + next);
}

/** One shell command of a block, with the answer the page shows for it (a `# …` line after it, or a trailing comment). */
export interface Documented {
  command: string;
  answer?: string;
}

/**
 * The commands of an `sh` block: a line continues while it ends with `\` or leaves a quote open;
 * a comment after a command (on its last line or on lines of its own) is the answer shown for it.
 */
export function shCommands(block: string): Documented[] {
  const out: Documented[] = [];
  let current = '';
  for (const line of block.split('\n')) {
    if (current === '' && /^\s*#/.test(line)) {
      const last = out.at(-1);
      if (last) last.answer = [last.answer, line.replace(/^\s*#\s?/, '')].filter(Boolean).join('\n');
      continue;
    }
    current += (current ? '\n' : '') + line;
    if (current.endsWith('\\') || (current.match(/'/g) ?? []).length % 2 === 1) continue;
    const comment = /\s+#\s(.*)$/.exec(current);
    const command = (comment ? current.slice(0, comment.index) : current).trim();
    if (command) out.push(comment ? { command, answer: comment[1] } : { command });
    current = '';
  }
  return out;
}

/** The `$ command` lines of a console block (with `\` continuations), each with the lines printed after it. */
export function consoleSession(block: string): Documented[] {
  const out: Array<{ command: string; answer: string[] }> = [];
  let continued = false;
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ') || continued) {
      if (continued) out.at(-1)!.command += `\n${line}`;
      else out.push({ command: line.slice(2), answer: [] });
      continued = line.endsWith('\\');
    } else {
      out.at(-1)?.answer.push(line);
    }
  }
  return out.map(({ command, answer }) => ({ command, answer: answer.join('\n').trim() }));
}
