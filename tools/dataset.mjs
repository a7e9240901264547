// `npm run dataset -- <command>`: check, suggest, synth, schema (see tools/dataset/cli.ts).
import { ROOT, importTs } from './lib/import-ts.mjs';

const { main } = await importTs('tools/dataset/cli.ts');
try {
  process.exitCode = main(process.argv.slice(2), { root: ROOT });
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}
