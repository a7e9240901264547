// `npm run bench`: builds if needed, then runs tests/bench/bench.ts (figures, not pass/fail).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, importTs } from './lib/import-ts.mjs';

if (!fs.existsSync(path.join(ROOT, 'dist/chrome/manifest.json'))) execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { stdio: 'inherit' });
await importTs('tests/bench/bench.ts');
