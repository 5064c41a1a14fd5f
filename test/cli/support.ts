// Runs the real `covalence` command, as an operator's script would, and collects what it printed.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A HOME of its own, so that no ~/.config/covalence/client.json on the machine leaks in. */
const home = mkdtempSync(join(tmpdir(), 'covalence-cli-home-'));

/** `node bin/covalence.js ...args`; stdin gets `input` and is closed (a script's pipe, not a terminal). */
export function covalence(args: readonly string[], { env = {}, input = '' }: { env?: Record<string, string>; input?: string } = {}): Promise<Ran> {
  const child = spawn(process.execPath, ['bin/covalence.js', ...args], {
    env: { PATH: process.env.PATH!, HOME: home, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** The same, against one server; `json` parses stdout of a `-o json` run and insists on exit 0. */
export function client(url: string) {
  const run = (args: readonly string[], opts: { env?: Record<string, string>; input?: string } = {}) =>
    covalence(args, { ...opts, env: { COVALENCE_URL: url, ...opts.env } });
  const json = async (args: readonly string[], opts: { env?: Record<string, string>; input?: string } = {}) => {
    const r = await run([...args, '-o', 'json'], opts);
    if (r.code !== 0) throw new Error(`covalence ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  return { run, json };
}

/** A uuid as a table shows it without --wide. */
export const short = (uuid: string) => `${uuid.slice(0, 8)}…`;

/** The rows of a table: each line split on runs of spaces, the header row first. */
export function tableRows(text: string): string[][] {
  return text.trimEnd().split('\n').map((line) => line.trim().split(/\s{2,}/));
}
