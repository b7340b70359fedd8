// Fails when src/api/schema.d.ts is not what openapi-typescript makes of docs/openapi.yaml today: the storefront's
// types and the HTTP contract cannot drift apart. Regenerate with `npm run generate`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fresh = join(mkdtempSync(join(tmpdir(), 'microdrop-schema-')), 'schema.d.ts');
execFileSync('npx', ['openapi-typescript', '../docs/openapi.yaml', '-o', fresh], { stdio: 'ignore' });
if (readFileSync(fresh, 'utf8') !== readFileSync('src/api/schema.d.ts', 'utf8')) {
  console.error('web/src/api/schema.d.ts is stale: docs/openapi.yaml changed. Run `npm run generate` in web/.');
  process.exit(1);
}
console.log('web/src/api/schema.d.ts matches docs/openapi.yaml');
