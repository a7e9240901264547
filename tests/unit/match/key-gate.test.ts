import { describe, expect, it } from 'vitest';
import { encodeKeyGate, GATE_MAGIC, KeyGate } from '../../../src/match/key-gate.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';

/** `count` distinct random uint32 keys. */
function randomKeys(count: number, seed: number): Set<number> {
  const random = mulberry32(seed);
  const keys = new Set<number>();
  while (keys.size < count) keys.add(Math.floor(random() * 2 ** 32));
  return keys;
}

describe('index gate (an exact set of uint32 keys)', () => {
  it('holds every key and nothing else, the edges included', () => {
    const keys = randomKeys(20_000, 1);
    keys.add(0);
    keys.add(0xffffffff);
    const gate = new KeyGate(encodeKeyGate([...keys]));
    expect(gate.keyCount).toBe(keys.size);
    for (const key of keys) expect(gate.has(key)).toBe(true);
    // Neighbours of members and random keys: the set is exact, so none of them may pass.
    let wrong = 0;
    for (const key of keys) for (const near of [key + 1, key - 1]) if (near >= 0 && near < 2 ** 32 && !keys.has(near) && gate.has(near)) wrong++;
    for (const other of randomKeys(50_000, 2)) if (!keys.has(other) && gate.has(other)) wrong++;
    expect(wrong).toBe(0);
  });

  // 200,000 keys: seconds on a busy 2-core machine, so a timeout well above the default.
  it('costs near the entropy of the set (Rice: log2 of the mean gap + 2 bits a key); repeats and order do not matter', () => {
    const keys = [...randomKeys(200_000, 3)];
    const bits = encodeKeyGate(keys).byteLength * 8;
    const entropyPerKey = Math.log2(2 ** 32 / keys.length);
    expect(bits / keys.length).toBeGreaterThan(entropyPerKey);
    // The directory adds half a bit a key.
    expect(bits / keys.length).toBeLessThan(entropyPerKey + 2.5);
    const shuffled = [...keys].reverse().concat(keys.slice(0, 1000));
    expect(new Uint8Array(encodeKeyGate(shuffled))).toEqual(new Uint8Array(encodeKeyGate(keys)));
  }, 30_000);

  it('an empty set answers no; a tiny one is one bucket', () => {
    const empty = new KeyGate(encodeKeyGate([]));
    expect(empty.keyCount).toBe(0);
    expect([0, 1, 0xffffffff].map((key) => empty.has(key))).toEqual([false, false, false]);
    const gate = new KeyGate(encodeKeyGate([8, 16, 24]));
    expect([8, 16, 24].map((key) => gate.has(key))).toEqual([true, true, true]);
    expect([0, 9, 17, 32].map((key) => gate.has(key))).toEqual([false, false, false, false]);
  });

  it('refuses a file that is not a gate, with a clear error', () => {
    const good = encodeKeyGate([...randomKeys(1000, 5)]);
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
