// Writes resources/content/*.schema.json from the zod schemas: `npm run content:schema`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentJsonSchemas } from '../electron/services/content/json-schema';

const dir = path.resolve(import.meta.dirname, '..', 'resources', 'content');
for (const [name, schema] of Object.entries(contentJsonSchemas())) {
  writeFileSync(path.join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote resources/content/${name}\n`);
}
