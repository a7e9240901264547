import { it } from 'vitest';
import { buildIndex, CompiledIndex } from '../../../src/match/index-format.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';
it('t', () => {
  const random = mulberry32(2);
  const large = Array.from({ length: 10000 }, () => Array.from({ length: 8 }, () => Array.from({ length: 20 }, () => 1 + Math.floor(random() * 0xfffffffe))));
  let t = performance.now();
  const b = buildIndex(large);
  console.log('build', performance.now() - t);
  t = performance.now();
  new CompiledIndex(b);
  console.log('load', performance.now() - t);
}, 60000);
