// The setting the README's "Try it" and docs/cli.md assume: `serve --demo` (here on free ports and a
// data directory of its own) and the README's second EEM, started by its documented command.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runCovalence, type Running } from '../../support/process.js';

/** The ports and paths the pages name, and what the demo here uses instead. */
export interface Demo {
  /** The API, for COVALENCE_URL. */
  url: string;
  /** The pages' command with the pages' ports and data directory swapped for this demo's. */
  local(command: string): string;
  /** An answer with this demo's ports swapped back for the pages'. */
  documented(answer: string): string;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const [api, eem, second] = await Promise.all([freePort(), freePort(), freePort()]);
  const dataDir = mkdtempSync(join(tmpdir(), 'covalence-docs-'));
  const running: Running[] = [];
  const readme = readFileSync('README.md', 'utf8').replace(/\s*\n\s*/g, ' ');
  const secondEem = /`node bin\/covalence\.js (eem-sim [^`]*)`/.exec(readme)![1]!.replace(/--port \d+/, `--port ${second}`).split(' ');
  try {
    running.push(await runCovalence(secondEem, /listening on/));
    running.push(await runCovalence(['serve', '--demo', '--port', String(api), '--demo-eem-port', String(eem),
      '--data-dir', dataDir, '--db', `sqlite:${join(dataDir, 'covalence.sqlite')}`], /covalence is serving/));
  } catch (err) {
    running.forEach((r) => r.child.kill());
    throw err;
  }
  const swaps: Array<[string, string]> = [[':8181', `:${api}`], [':30500', `:${eem}`], [':31600', `:${second}`], ['data/', `${dataDir}/`]];
  return {
    url: `http://127.0.0.1:${api}`,
    local: (command) => swaps.reduce((c, [doc, here]) => c.replaceAll(doc, here), command),
    documented: (answer) => swaps.reduce((a, [doc, here]) => a.replaceAll(here, doc), answer),
    async close() {
      running.forEach((r) => r.child.kill());
      await Promise.all(running.map((r) => r.exited));
    },
  };
}
