// The parts of the repository's Markdown that the docs tests run or check.
import { readdirSync, readFileSync } from 'node:fs';

export interface Fence {
  file: string;
  /** The info string: sh, console, json, … */
  lang: string;
  text: string;
}

/** README.md and every page of docs/. */
export const DOC_FILES = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The fenced code blocks of a file, in order. */
export function fences(file: string): Fence[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^ *```(\w*)\n([\s\S]*?)^ *```$/gm)].map((m) => ({ file, lang: m[1]!, text: m[2]! }));
}
