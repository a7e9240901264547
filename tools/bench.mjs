// `npm run bench`: runs tests/bench/bench.ts (figures, not pass/fail), which builds what it measures.
import { importTs } from './lib/import-ts.mjs';

await importTs('tests/bench/bench.ts');
