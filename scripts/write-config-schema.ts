// Writes schemas/strategylint.schema.json from the rule registry (run by `npm run build`), so the
// file editors read and the validator the CLI and language server use never disagree.
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConfigSchema } from '../server/src/config/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const target = path.join(root, 'schemas', 'strategylint.schema.json');
const text = `${JSON.stringify(buildConfigSchema(), null, 2)}\n`;
if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
