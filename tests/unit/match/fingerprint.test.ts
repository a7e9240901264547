import { describe, expect, it } from 'vitest';
import { CHECK_BITS, fingerprint, gateKey, isSampled, SAMPLE_BITS, SHINGLE_SIZE, shingles, wordHashes } from '../../../src/match/fingerprint.js';
import { normaliseForTokens } from '../../../src/match/normalise.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';

const SENTENCE = 'Putin told Biden that he hoped both countries could set aside their differences to promote global security.';

describe('fingerprint', () => {
  it('ignores case, quote style, NBSP, zero-width characters and punctuation', () => {
    const base = fingerprint('Vladimir Putin says he is "ready to talk" with the US President-elect');
    expect(base.length).toBeGreaterThan(0);
    const variants = [
      'VLADIMIR PUTIN says he is \u201Cready to talk\u201D with the US President\u2011elect',
      'Vladimir\u00A0Putin says he is \u2018ready to talk\u2019 with the\u00A0US President-elect',
      'Vla\u200Bdimir Pu\u00ADtin says he is "ready to talk" with the US Pres\u200Cident-elect',
      '  Vladimir   Putin\nsays he is ready to talk, with the US President elect.  ',
    ];
    for (const variant of variants) expect(fingerprint(variant)).toEqual(base);
  });

  it('changes at most SHINGLE_SIZE shingles when one word changes', () => {
    const words = SENTENCE.split(' ');
    const base = fingerprint(SENTENCE);
    expect(base.length).toBe(words.length - SHINGLE_SIZE + 1);
    for (let w = 0; w < words.length; w++) {
      const edited = [...words];
      edited[w] = 'zebra';
      const changed = fingerprint(edited.join(' '));
      expect(changed.length).toBe(base.length);
      const differing = changed.filter((h, i) => h !== base[i]).length;
      expect(differing).toBeGreaterThan(0);
      expect(differing).toBeLessThanOrEqual(SHINGLE_SIZE);
    }
  });

  it('is order-sensitive within a shingle', () => {
    expect(fingerprint('alpha beta gamma delta')).not.toEqual(fingerprint('beta alpha gamma delta'));
  });

  it('returns no shingle for fewer than SHINGLE_SIZE words, one for exactly SHINGLE_SIZE', () => {
    const words = ['one', 'two', 'three', 'four', 'five', 'six'];
    for (let n = 0; n < SHINGLE_SIZE; n++) expect(fingerprint(words.slice(0, n).join(' '))).toEqual([]);
    expect(fingerprint(words.slice(0, SHINGLE_SIZE).join(' '))).toHaveLength(1);
    expect(fingerprint('')).toEqual([]);
    expect(fingerprint('... , !!! ---')).toEqual([]);
  });

  it('tokenises normalised text into words of letters and digits', () => {
    expect(wordHashes(normaliseForTokens('Trump\u2019s 2016 "win"'))).toHaveLength(4);
    expect(wordHashes('')).toEqual([]);
  });

  it('never produces hash 0 and stays within uint32, but for the check bits of sampled shingles', () => {
    const random = mulberry32(99);
    for (let n = 0; n < 2000; n++) {
      const words = Array.from({ length: SHINGLE_SIZE }, () => Math.floor(random() * 0x100000000));
      for (const h of shingles(words)) {
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBeGreaterThan(0);
        expect(h).toBeLessThan(isSampled(h) ? 2 ** (32 + CHECK_BITS) : 2 ** 32);
      }
    }
    // Construct word hashes whose combined value is exactly 0 before finalisation (the finaliser
    // maps 0 to 0): the shingle must still not be 0, since 0 marks an empty index slot.
    const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
    const rotr = (x: number, r: number) => ((x >>> r) | (x << (32 - r))) >>> 0;
    let h = 0x2f0b3c1d;
    for (let k = 0; k < SHINGLE_SIZE - 1; k++) h = Math.imul(rotl(h ^ 0, 13), 5) + 0xe6546b64;
    // Solve imul(rotl(h ^ w, 13), 5) + C === 0 (mod 2^32) for w; 0xcccccccd is 5⁻¹ mod 2^32.
    const x = Math.imul((0 - 0xe6546b64) | 0, 0xcccccccd) >>> 0;
    const last = (rotr(x, 13) ^ h) >>> 0;
    const words = [...Array<number>(SHINGLE_SIZE - 1).fill(0), last];
    const check = Math.imul(rotl(h ^ last, 13), 5) + 0xe6546b64;
    expect(check >>> 0).toBe(0);
    expect(shingles(words)).toEqual([1]);
  });

  it('samples one shingle in 2^SAMPLE_BITS and gives each sampled one evenly spread check bits of its own', () => {
    const random = mulberry32(7);
    const checks = new Array<number>(2 ** CHECK_BITS).fill(0);
    // Sampled shingles sharing their 32-bit hash's top bits but not their words: the check bits
    // must not follow the hash (a second, independent hash), or the gate would gain nothing.
    const checkByTopBits = new Map<number, Set<number>>();
    let sampled = 0;
    const total = 40_000;
    for (let n = 0; n < total; n++) {
      const [h = 0] = shingles(Array.from({ length: SHINGLE_SIZE }, () => Math.floor(random() * 0x100000000)));
      if (!isSampled(h)) {
        expect(h).toBeLessThan(2 ** 32);
        continue;
      }
      sampled++;
      const check = Math.floor(h / 2 ** 32);
      checks[check] = (checks[check] as number) + 1;
      const top = (h >>> 0) >>> 28;
      checkByTopBits.set(top, (checkByTopBits.get(top) ?? new Set()).add(check));
      // The gate key keeps the hash's 29 own bits and the check bits, all in one uint32.
      expect(gateKey(h)).toBe(((h >>> 0) >>> SAMPLE_BITS) + check * 2 ** (32 - SAMPLE_BITS));
      expect(gateKey(h)).toBeLessThan(2 ** 32);
    }
    expect(sampled / total).toBeGreaterThan(0.9 / 2 ** SAMPLE_BITS);
    expect(sampled / total).toBeLessThan(1.1 / 2 ** SAMPLE_BITS);
    for (const count of checks) expect(count / sampled).toBeGreaterThan(0.8 / 2 ** CHECK_BITS);
    for (const seen of checkByTopBits.values()) expect(seen.size).toBe(2 ** CHECK_BITS);
  });

  it('takes the ASCII fast path to exactly the hashes of the general path', () => {
    const random = mulberry32(7);
    const alphabet = 'abcXYZ019 .,;\'"-\n\t()';
    for (let n = 0; n < 200; n++) {
      let text = '';
      const length = Math.floor(random() * 200);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(fingerprint(text)).toEqual(shingles(wordHashes(normaliseForTokens(text))));
    }
  });

  it('takes the fast path for ASCII with typographic marks (and every General Punctuation character) to exactly the general path', () => {
    const random = mulberry32(11);
    const marks = ['\u00A0', '\u00AD', '\uFEFF', ...Array.from({ length: 0x70 }, (_, i) => String.fromCharCode(0x2000 + i))];
    const alphabet = [...'abcXYZ019 .,;\'"-', ...marks];
    for (let n = 0; n < 400; n++) {
      let text = '';
      const length = Math.floor(random() * 200);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(fingerprint(text)).toEqual(shingles(wordHashes(normaliseForTokens(text))));
    }
    // And a real sentence: curly quotes, NBSP, an em dash, a soft hyphen inside a word.
    const typographic = 'Putin said he was \u201Cready\u00A0to talk\u201D \u2014 the Krem\u00ADlin\u2019s line\u2026';
    expect(fingerprint(typographic)).toEqual(shingles(wordHashes(normaliseForTokens(typographic))));
    expect(fingerprint(typographic)).toEqual(fingerprint('putin said he was "ready to talk" - the kremlin\'s line...'));
  });

  it('takes the general path only for the stretches that need it, to exactly the hashes of the general path on the whole text', () => {
    const random = mulberry32(13);
    // Accents precomposed and combining, Greek capitals (final sigma), Cyrillic, CJK, a ligature,
    // full-width letters, a surrogate pair, NBSP and curly quotes, every ASCII whitespace.
    const others = [...'éÉe\u0301\u0308ΣΟΔσςДжи漢字かなﬁＡＢ１😀\u00A0\u2019\u201C\u00AD', '\uD83D\uDE00'];
    const alphabet = [...'abcXYZ019 .,;\'"-', ' \t\n\r\f\v', ...others];
    for (let n = 0; n < 1000; n++) {
      let text = '';
      const length = Math.floor(random() * 600);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(fingerprint(text)).toEqual(shingles(wordHashes(normaliseForTokens(text))));
    }
    const greek = 'ΟΔΟΣ ΟΔΟΣ. Ο ΔΡΟΜΟΣ ΤΗΣ ΑΘΗΝΑΣ ΕΙΝΑΙ ΜΑΚΡΥΣ';
    expect(fingerprint(`The street ${greek} is long`)).toEqual(shingles(wordHashes(normaliseForTokens(`The street ${greek} is long`))));
  });
});

describe('fingerprint of scripts written without spaces', () => {
  // Both paragraphs are our own sentences about the seed's story, written for this test.
  const CHINESE = '克里姆林宫周二表示，普京已向拜登发出贺电，祝贺他赢得美国总统选举，并表示愿意与他进行接触。';
  const JAPANESE = 'ロシアのプーチン大統領は十五日、米大統領選で勝利したバイデン氏に祝電を送り、対話の用意があると述べた。';
  // A token each: every CJK character, and each run of the prolonged sound mark (ー, a letter of no single script).
  const hanCount = (s: string): number => s.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|ー+/gu)?.length ?? 0;

  it.each([
    ['Chinese', CHINESE],
    ['Japanese', JAPANESE],
  ])('%s: a paragraph yields one shingle per character 4-gram', (_, text) => {
    // Every character is a token (punctuation is skipped, as between words): n characters, n - 3 shingles.
    const expected = hanCount(text) - SHINGLE_SIZE + 1;
    expect(fingerprint(text).length).toBe(expected);
    expect(new Set(fingerprint(text)).size).toBe(expected);
    expect(expected).toBeGreaterThan(20);
  });

  it.each([
    ['Chinese', CHINESE],
    ['Japanese', JAPANESE],
  ])('%s: a copy with other punctuation, spacing and width still shares its shingles; another text does not', (_, text) => {
    const base = new Set(fingerprint(text));
    // Full-width punctuation replaced, spaces inserted, a half-width variant (NFKC folds it back).
    const copy = text.replace(/，/g, ', ').replace(/。/g, '. ').replace(/、/g, ' , ');
    const shared = fingerprint(copy).filter((h) => base.has(h)).length;
    expect(shared).toBe(base.size);
    const other = fingerprint(text === CHINESE ? JAPANESE : CHINESE).filter((h) => base.has(h)).length;
    expect(other).toBe(0);
  });

  it('tokenises mixed text: unspaced characters one by one, Latin words and digits whole', () => {
    const mixed = normaliseForTokens('2020年12月15日，Putin 向 Biden 致电');
    expect(wordHashes(mixed)).toEqual(['2020', '年', '12', '月', '15', '日', 'putin', '向', 'biden', '致', '电'].map((w) => wordHashes(w)[0]));
  });

  it('leaves spaced languages exactly as before (Cyrillic, Greek, Latin with accents)', () => {
    const text = normaliseForTokens('Владимир Путин поздравил Джо Байдена; Ο Πούτιν συνεχάρη τον Μπάιντεν; Éric Zemmour réagit');
    const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
    expect(wordHashes(text)).toEqual(words.map((w) => wordHashes(w)[0]));
    expect(wordHashes(text).length).toBe(13);
  });
});
