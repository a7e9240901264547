// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/content/extract.js';
import { readText } from '../../../src/content/read-text.js';

const signal = new AbortController().signal;

describe('readText', () => {
  it('reads every text node under the root in document order, whitespace-only ones included', async () => {
    document.body.innerHTML = '<p>One <b>two</b></p>\n<div>three<script>four</script></div>';
    expect((await readText(document.body, signal)).texts).toEqual(['One ', 'two', '\n', 'three', 'four']);
  });

  it('leaves out long texts of scripts and styles (inline JSON state, CSS), not prose', async () => {
    const long = 'x'.repeat(600);
    document.body.innerHTML = `<p>${long}</p><script>${long}</script><style>${long}</style><script>short</script>`;
    expect((await readText(document.body, signal)).texts).toEqual([long, 'short']);
  });

  it('leaves out a text longer than any block the extractor keeps (a 2 MB text node)', async () => {
    document.body.innerHTML = `<p>before</p><p>${'y'.repeat(DEFAULT_LIMITS.maxBlockChars + 1)}</p><p>after</p>`;
    expect((await readText(document.body, signal)).texts).toEqual(['before', 'after']);
  });

  it('stops once it has read maxChars characters', async () => {
    document.body.innerHTML = Array.from({ length: 10 }, () => '<p>0123456789</p>').join('');
    expect((await readText(document.body, signal, 35)).texts).toHaveLength(4);
  });
});
