import { UsageError } from './errors.js';

/**
 * A secret from the operator: typed at the terminal with echo off, or, when stdin is not a terminal,
 * the first line of stdin (`printf '%s\n' "$PW" | covalence podmanager create ...`). The prompt goes
 * to stderr so that stdout stays clean for `-o json`.
 */
export async function readSecret(
  what: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  const secret = input.isTTY ? await fromTerminal(`${what}: `, input, output) : await firstLine(input);
  if (secret === '') throw new UsageError(`no ${what} given: pass it as a flag, type it at the prompt or pipe it on stdin`);
  return secret;
}

/** Raw mode turns the terminal's echo off; this reads keys until Enter, printing nothing. */
function fromTerminal(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WritableStream): Promise<string> {
  // echo off before the prompt shows, so that keys typed as soon as it does are not echoed
  input.setRawMode(true);
  output.write(prompt);
  const line = new SecretLine();
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve) => {
    const onData = (chunk: string) => {
      const state = line.feed(chunk);
      if (state === 'typing') return;
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      // raw mode swallowed the ^C: restore the terminal, then die of SIGINT as the shell expects (exit 130)
      if (state === 'interrupted') process.kill(process.pid, 'SIGINT');
      else resolve(line.value);
    };
    input.on('data', onData);
  });
}

/** The line editing a terminal does in cooked mode, for keys read raw: nothing is echoed. */
export class SecretLine {
  value = '';

  feed(chunk: string): 'typing' | 'done' | 'interrupted' {
    // arrow keys, bracketed-paste markers and other escape sequences are not part of a password
    for (const ch of chunk.replace(/\x1b\[[0-9;]*[A-Za-z~]/g, '')) {
      if (ch === '\r' || ch === '\n' || ch === '\u0004') return 'done';
      if (ch === '\u0003') return 'interrupted';
      if (ch === '\u007f' || ch === '\b') this.value = [...this.value].slice(0, -1).join('');
      else if (ch === '\u0015') this.value = '';
      else if (ch >= ' ') this.value += ch;
    }
    return 'typing';
  }
}

/** Up to the first newline (a trailing CR dropped), or everything if there is none. */
async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
  }
  return text.replace(/\r$/, '');
}
