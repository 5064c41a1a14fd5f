import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';

/** A port that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

export interface Running {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Runs the real `covalence` command and waits until a line matches `ready`. */
export async function runCovalence(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<Running> {
  const child = spawn(process.execPath, ['bin/covalence.js', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  // The suite's log (scripts/test.sh) gets what the real command wrote, to be searched for secrets.
  if (process.env.TEST_LOG_FILE) void exited.then(() => appendFileSync(process.env.TEST_LOG_FILE!, out));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`covalence ${args.join(' ')} not ready after ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`covalence exited (${code}) before it was ready:\n${out}`));
    });
  });
  return { child, output: () => out, exited };
}
