import { describe, expect, it } from 'vitest';
import { isSampled } from '../../../src/match/detect.js';
import { encodeKeyGate, GATE_MAGIC, KeyGate } from '../../../src/match/key-gate.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';

/** `count` distinct random hashes; sampled ones (low 3 bits zero, as every index key is) when `sampled`. */
function randomKeys(count: number, seed: number, sampled: boolean): Set<number> {
  const random = mulberry32(seed);
  const keys = new Set<number>();
  while (keys.size < count) {
    const hash = Math.floor(random() * 2 ** 32);
    keys.add(sampled ? (hash & ~7) >>> 0 : hash);
  }
  return keys;
}

describe('index gate (the exact set of the index keys)', () => {
  it('holds every key and nothing else, sampled keys and arbitrary ones, edges included', () => {
    for (const sampled of [true, false]) {
      const keys = randomKeys(20_000, sampled ? 1 : 2, sampled);
      keys.add(0);
      keys.add(sampled ? 0xfffffff8 : 0xffffffff);
      const gate = new KeyGate(encodeKeyGate([...keys]));
      expect(gate.keyCount).toBe(keys.size);
      for (const key of keys) expect(gate.has(key)).toBe(true);
      // Neighbours of members and random hashes: the gate is exact, so none of them may pass.
      let wrong = 0;
      for (const key of keys) for (const near of [key + 1, key - 1, key + 8, key - 8]) if (!keys.has(near >>> 0) && gate.has(near >>> 0)) wrong++;
      for (const other of randomKeys(50_000, 3, sampled)) if (!keys.has(other) && gate.has(other)) wrong++;
      expect(wrong).toBe(0);
    }
  });

  it('costs near the entropy of the set (Rice: log2 of the mean gap + 2 bits a key), repeats and order do not matter', () => {
    const keys = [...randomKeys(200_000, 4, true)];
    const bits = encodeKeyGate(keys).byteLength * 8;
    // 2^29 possible sampled keys; the directory adds half a bit a key.
    const entropyPerKey = Math.log2(2 ** 29 / keys.length);
    expect(bits / keys.length).toBeGreaterThan(entropyPerKey);
    expect(bits / keys.length).toBeLessThan(entropyPerKey + 2.5);
    const shuffled = [...keys].reverse().concat(keys.slice(0, 1000));
    expect(new Uint8Array(encodeKeyGate(shuffled))).toEqual(new Uint8Array(encodeKeyGate(keys)));
  });

  it('an empty set answers no, and refuses hashes the sampling excludes without decoding', () => {
    const empty = new KeyGate(encodeKeyGate([]));
    expect(empty.keyCount).toBe(0);
    expect(empty.has(0)).toBe(false);
    expect(empty.has(8)).toBe(false);
    const gate = new KeyGate(encodeKeyGate([8, 16, 24]));
    expect([8, 16, 24].map((key) => gate.has(key))).toEqual([true, true, true]);
    expect([9, 17, 0, 32].map((key) => gate.has(key))).toEqual([false, false, false, false]);
    expect([8, 16, 24].every(isSampled)).toBe(true);
  });

  it('refuses a file that is not a gate, with a clear error', () => {
    const good = encodeKeyGate([...randomKeys(1000, 5, true)]);
    expect(() => new KeyGate(new ArrayBuffer(4))).toThrow(/too short/);
    const badMagic = good.slice(0);
    new DataView(badMagic).setUint32(0, GATE_MAGIC + 1, true);
    expect(() => new KeyGate(badMagic)).toThrow(/bad magic/);
    const badVersion = good.slice(0);
    new DataView(badVersion).setUint32(4, 99, true);
    expect(() => new KeyGate(badVersion)).toThrow(/version 99/);
    expect(() => new KeyGate(good.slice(0, good.byteLength - 1))).toThrow(/size does not match/);
  });
});
