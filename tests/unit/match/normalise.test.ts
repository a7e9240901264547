import { describe, expect, it } from 'vitest';
import { normalise, normaliseForTokens, normaliseWithMap } from '../../../src/match/normalise.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';

describe('normalise', () => {
  it('applies NFKC: ligatures and full-width letters', () => {
    expect(normalise('\uFB01nance')).toBe('finance');
    expect(normalise('\uFF21\uFF22\uFF23 \uFF11\uFF12')).toBe('abc 12');
    expect(normaliseForTokens('\uFB01nance \uFF21\uFF22\uFF23')).toBe('finance abc');
  });

  it('folds case', () => {
    expect(normalise('VLADIMIR Putin')).toBe('vladimir putin');
    expect(normaliseForTokens('VLADIMIR Putin')).toBe('vladimir putin');
  });

  it('folds curly quotes to straight ones and leaves straight ones alone', () => {
    expect(normalise('\u2018ready to talk\u2019 and \u201Cready\u201D')).toBe('\'ready to talk\' and "ready"');
    expect(normalise('\'ready\' "x" don\u2019t \u00ABoui\u00BB')).toBe('\'ready\' "x" don\'t "oui"');
  });

  it('folds dashes to a hyphen', () => {
    expect(normalise('state\u2010by\u2011state \u2013 en \u2014 em \u2212 minus')).toBe('state-by-state - en - em - minus');
  });

  it('turns NBSP and other spaces into one plain space', () => {
    expect(normalise('Joe\u00A0Biden')).toBe('joe biden');
    expect(normalise('Joe\u202F\u2009Biden')).toBe('joe biden');
  });

  it('removes zero-width characters, BOM and soft hyphens', () => {
    expect(normalise('Bi\u200Bden')).toBe('biden');
    expect(normalise('a\u200Cb\u200Dc\u2060d\uFEFFe')).toBe('abcde');
    expect(normalise('co\u00ADoperate')).toBe('cooperate');
    expect(normaliseForTokens('Bi\u200Bden co\u00ADoperate')).toBe('biden cooperate');
  });

  it('collapses whitespace runs', () => {
    expect(normalise('  a \t\n\r b   c  ')).toBe('a b c');
    const { text } = normaliseWithMap('  a \t\n b  ');
    expect(text).toBe('a b ');
  });

  it('composes decomposed accents like the precomposed form', () => {
    expect(normalise('Erdog\u0306an Cafe\u0301')).toBe(normalise('Erdo\u011Fan Caf\u00E9'));
    const { text, map } = normaliseWithMap('cafe\u0301 x');
    expect(text).toBe('caf\u00E9 x');
    expect(map[3]).toBe(3);
    expect(map[4]).toBe(5);
  });

  it('maps every output character back to its source offset', () => {
    const alphabet = [
      'A',
      'b',
      'Z',
      'q',
      ' ',
      '  ',
      '\n',
      '\t',
      '\u00A0',
      '\u200B',
      '\u00AD',
      '\uFEFF',
      '\uFB01',
      '\uFF21',
      '\u2019',
      '\u201C',
      '\u2014',
      '\u2013',
      'e\u0301',
      '\u00E9',
      '\u0130',
      '\u{1D400}',
      '-',
      '.',
      "'",
      '"',
    ];
    const random = mulberry32(12345);
    const samples = ['Vladimir\u00A0Putin \u2018ready\u2019 \u2014 \uFB01ne', '  leading and trailing  ', ''];
    for (let n = 0; n < 60; n++) {
      let s = '';
      for (let k = 0, len = 1 + Math.floor(random() * 30); k < len; k++) s += alphabet[Math.floor(random() * alphabet.length)];
      samples.push(s);
    }
    for (const source of samples) {
      const { text, map } = normaliseWithMap(source);
      expect(map.length).toBe(text.length + 1);
      expect(map[text.length]).toBe(source.length);
      for (let i = 0; i < text.length; i++) {
        const at = map[i] as number;
        expect(at).toBeLessThan(source.length);
        if (i > 0) expect(at).toBeGreaterThanOrEqual(map[i - 1] as number);
        // The source character at that offset, normalised alone, yields this output character.
        const cp = String.fromCodePoint(source.codePointAt(at) as number);
        if (text[i] === ' ') expect(cp).toMatch(/^\s$/);
        else expect(normaliseWithMap(source.slice(at, at + cp.length + (/\p{M}/u.test(source[at + cp.length] ?? '') ? 1 : 0))).text).toContain(text[i]);
      }
      // Slicing the source between two mapped offsets and normalising gives the same text.
      const starts = [...Array(text.length + 1).keys()].filter((i) => i === 0 || i === text.length || map[i - 1] !== map[i]);
      for (const i of starts) {
        for (const j of starts) {
          if (j <= i || text[i] === ' ') continue;
          expect(normaliseWithMap(source.slice(map[i], map[j])).text).toBe(text.slice(i, j));
        }
      }
    }
  });
});
