// tsc emits only what it compiles; the checked-in generated validators (.cjs) are copied next to the
// compiled modules in out/ so the build's own generator scripts and the tests can load them.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';

const from = 'server/src/schema/generated';
const to = `out/${from}`;
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from)) if (name.endsWith('.cjs')) copyFileSync(`${from}/${name}`, `${to}/${name}`);
