// `node:fs/promises` for the web language server: see fs.ts.
import { promises } from './fs.js';

export const readFile = promises.readFile;
export const stat = promises.stat;
