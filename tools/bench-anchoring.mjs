// `npm run bench:anchoring`: the anchoring corpus table alone (it is also part of `npm run bench`).
import { importTs } from './lib/import-ts.mjs';

await importTs('tests/bench/anchoring-main.ts');
