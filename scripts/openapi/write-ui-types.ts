// `npm run build:ui` runs this first: it writes ui/src/openapi.gen.ts from the OpenAPI document of a
// throwaway covalence (SQLite in a temp dir, a free port), so that the console compiles against the
// wire as it is. test/ui/openapi.test.ts fails when the committed file is stale.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVE_DEFAULTS } from '../../src/config.js';
import { createLogger, startService } from '../../src/service.js';
import { typesOf, UI_TYPES, type OpenApiDocument } from './typescript.js';

const dataDir = mkdtempSync(join(tmpdir(), 'covalence-openapi-'));
try {
  const service = await startService({
    ...SERVE_DEFAULTS,
    port: 0,
    db: `sqlite:${join(dataDir, 'covalence.sqlite')}`,
    secretKeyFile: join(dataDir, 'secret.key'),
    dataDir,
    syncInterval: 0,
  }, createLogger('silent', false));
  try {
    writeFileSync(UI_TYPES, typesOf(service.app.swagger() as OpenApiDocument));
  } finally {
    await service.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
