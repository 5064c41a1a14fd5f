import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is static files that covalence serves at /ui; in `vite dev` the API is proxied to a
// running `npm start`.
export default defineConfig({
  base: '/ui/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8181' } },
});
