import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for `covalence serve`, set before any module of the server is loaded: measured with
 * `npm run bench` (the RSS high-water mark of a server holding 10,000 devices: 175 MiB with none of
 * them). Set here, not as node flags on a command line, because a server is started in many ways
 * (`npm start`, `node bin/covalence.js`, a unit file), and flags are easy to leave out.
 *
 * - `--liftoff-only`: undici parses HTTP with llhttp in WebAssembly, and V8 re-compiles its hot
 *   functions with its optimizing compiler in a background thread, which took 27–35 MiB for a few
 *   milliseconds after the first EEM listing (the server's peak). The baseline compiler's code
 *   parses a 6.6 MB listing as fast: its time goes to the bytes, not the headers.
 * - `--semi-space-growth-factor=1`: the young generation keeps its first sizes instead of growing
 *   to 16 MiB per semi-space while the modules load, and staying there: 25 MiB of the idle server's
 *   139. It costs a no-change sync of 2,000 devices 3–6 ms (objects that live across a sync's
 *   awaits are promoted sooner); without it the peak at 10,000 devices was 155–172 MiB.
 * - `--heap-growing-percent=20`: the old generation is collected once it grows 20% past what the
 *   last collection kept, instead of up to 4×: syncs and busy listings left 20–30 MiB of garbage
 *   between collections. Each collection is incremental and mostly concurrent.
 */
if (process.argv[2] === 'serve') {
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=20');
}
