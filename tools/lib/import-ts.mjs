// Node has no TypeScript loader on v20: bundle a TS module with esbuild into .cache/ and import it.
// Dependencies stay external (resolved from node_modules), so this is fast and needs nothing new.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function importTs(relativeEntry) {
  const entry = path.join(ROOT, relativeEntry);
  const outfile = path.join(ROOT, '.cache', relativeEntry.replace(/[\\/]/g, '__').replace(/\.tsx?$/, '.mjs'));
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return import(`${pathToFileURL(outfile).href}?v=${Date.now()}`);
}
