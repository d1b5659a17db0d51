// Writes schemas/strategy.schema.json from the field table (server/src/model/kinds.ts).
// Run after `npx tsc -p .`: `node out/scripts/write-strategy-schema.js`. A test fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildStrategySchema } from '../server/src/schema/strategySchema.js';

export function strategySchemaText(): string {
  return `${JSON.stringify(buildStrategySchema(), null, 2)}\n`;
}

const target = fileURLToPath(new URL('../../schemas/strategy.schema.json', import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(target, strategySchemaText());
  console.log(`wrote ${target}`);
}
