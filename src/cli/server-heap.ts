import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for `covalence serve`, set before any module of the server is loaded: measured with
 * `npm run bench` (the RSS high-water mark of a server syncing 10,000 devices), they keep the
 * footprint small at no measured cost in speed. Set here, not as node flags on a command line,
 * because a server is started in many ways (`npm start`, `node bin/covalence.js`, a unit file).
 *
 * - `--liftoff-only`: undici parses HTTP with llhttp in WebAssembly, and V8 re-compiles its hot
 *   functions with its optimizing compiler in a background thread, which took 27–35 MiB for a few
 *   milliseconds after the first EEM listing (the server's peak). The baseline compiler's code
 *   parses a 6.6 MB listing as fast: its time goes to the bytes, not the headers.
 * - `--semi-space-growth-factor=1`: the young generation keeps its first size (1 MiB per
 *   semi-space) instead of growing to 16 MiB while the modules load, and staying there: 25 MiB of
 *   the idle server's 139.
 */
if (process.argv[2] === 'serve') {
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--semi-space-growth-factor=1');
}
