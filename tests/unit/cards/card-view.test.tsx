// @vitest-environment happy-dom
/**
 * What the card shows first and what "More" adds, rendered with Preact into happy-dom, with the
 * shipped _locales/en/messages.json behind browser.i18n (placeholders substituted as browsers do).
 * Layout (the 360 × 300 fit, placement) is measured in real browsers by tests/e2e/cards.e2e.test.ts.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Entity } from '../../../src/shared/types.js';
import { cardProps } from '../helpers/card-props.js';
import { getMessage } from '../helpers/shipped-messages.js';

vi.mock('../../../src/shared/browser.js', () => ({ default: { i18n: { getMessage } } }));
const { Card } = await import('../../../src/cards/Card.js');

const barr: Entity = {
  id: 'person.test-barr',
  kind: 'person',
  name: 'Bill Barr',
  aliases: ['Bill Barr'],
  description: 'American lawyer who served twice as US attorney general.',
  roles: [{ from: '2019-02-14', until: '2020-12-23', text: 'US attorney general under Trump.' }],
  facts: [
    { label: 'Born', value: '23 May 1950' },
    { label: 'Full name', value: 'William Pelham Barr' },
  ],
  timeline: [
    { date: '2020-12-23', text: 'Stepped down.' },
    { date: '2021-03-10', text: 'Successor confirmed.' },
    { date: '2022-03-08', text: 'Published a memoir.' },
    { date: '2025-08-18', text: 'Gave a deposition.' },
  ],
  sources: [{ title: 'AP — Barr resigns', url: 'https://apnews.com/article/barr' }],
  reviewedAt: '2026-02-14',
};

function mount(entity: Entity): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  // act() flushes a synchronous callback before it returns; its promise only matters for async ones.
  void act(() => {
    render(<Card {...cardProps(entity)} />, root);
  });
  return root;
}

const texts = (root: HTMLElement, selector: string): string[] => [...root.querySelectorAll(selector)].map((el) => el.textContent ?? '');

describe('the card: compact first, "More" in place', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('opens compact: kind, name, description, role then, the three latest "since then" newest first, as of the review month', () => {
    const root = mount(barr);
    expect(texts(root, '.kind')).toEqual(['Person']);
    expect(texts(root, 'h2')).toEqual(['Bill Barr']);
    expect(texts(root, '.role')).toEqual(['As of Dec 15, 2020: US attorney general under Trump.']);
    // Month precision, whatever the review date's precision.
    expect(texts(root, '.since h3')).toEqual(['Since then · as of Feb 2026']);
    expect(texts(root, '.since li')).toEqual(['Aug 18, 2025 Gave a deposition.', 'Mar 8, 2022 Published a memoir.', 'Mar 10, 2021 Successor confirmed.']);
    const details = root.querySelector<HTMLElement>('.details')!;
    expect(details.hidden).toBe(true);
    const more = root.querySelector<HTMLButtonElement>('button.more')!;
    expect(more.textContent).toBe('More');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    // It names the list that grows and the facts-and-sources region, both present while closed.
    expect(more.getAttribute('aria-controls')).toBe('card-since card-details');
    expect(root.querySelector('#card-since')?.tagName).toBe('UL');
    expect(root.querySelector('#card-details')).toBe(details);
  });

  it('"More" adds the older items below and shows the facts and sources; "Less" returns to the compact card', () => {
    const root = mount(barr);
    const more = root.querySelector<HTMLButtonElement>('button.more')!;
    void act(() => more.click());
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(more.textContent).toBe('Less');
    expect(root.querySelector<HTMLElement>('.details')!.hidden).toBe(false);
    expect(texts(root, '.since li')).toHaveLength(4);
    expect(texts(root, '.since li')[3]).toBe('Dec 23, 2020 Stepped down.');
    expect(texts(root, '.details dt')).toEqual(['Born', 'Full name']);
    expect([...root.querySelectorAll('.details a')].map((a) => a.getAttribute('href'))).toEqual(['https://apnews.com/article/barr']);
    void act(() => more.click());
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(texts(root, '.since li')).toHaveLength(3);
    expect(root.querySelector<HTMLElement>('.details')!.hidden).toBe(true);
  });

  it('says why, in the compact view: the match, the review month and the outlets behind the sources', () => {
    const sources = [
      { title: 'AP — Barr resigns', url: 'https://apnews.com/a' },
      { title: 'Japan Today (Reuters) — Barr out', url: 'https://japantoday.com/b' },
      { title: 'TASS — Kremlin on Barr', url: 'https://tass.com/c' },
      { title: 'AP — Another story', url: 'https://apnews.com/d' },
      { title: 'Gordon (in Russian) — Barr', url: 'https://gordonua.com/e' },
    ];
    const root = mount({ ...barr, sources });
    expect(texts(root, '.why')).toEqual(['Why this card: exact match · reviewed Feb 2026 · AP, Reuters, TASS +1']);
    expect(root.querySelector<HTMLElement>('.details')!.contains(root.querySelector('.why'))).toBe(false);
    const near = document.createElement('div');
    document.body.append(near);
    void act(() => render(<Card {...cardProps(barr)} fuzzy />, near));
    expect(texts(near, '.why')).toEqual(['Why this card: near copy · reviewed Feb 2026 · AP']);
  });

  it('"Report a problem" copies the report the background built, with the address only when ticked, and says so', async () => {
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: (text: string) => Promise.resolve(void writes.push(text)) } });
    const root = mount(barr);
    const button = root.querySelector<HTMLButtonElement>('[data-testid="report-button"]')!;
    await act(async () => {
      button.click();
      await Promise.resolve();
    });
    const tick = root.querySelector<HTMLInputElement>('[data-testid="report-address"]')!;
    await act(async () => {
      tick.click();
      await Promise.resolve();
    });
    await act(async () => {
      button.click();
      await Promise.resolve();
    });
    expect(writes).toEqual(['report for person.test-barr', 'report for person.test-barr with address']);
    expect(texts(root, '[data-testid="report-status"]')).toEqual(['Report copied. Paste it wherever you choose: Backstory sends nothing.']);
  });

  it('says "Since then" without a month when the entity has no review date', () => {
    const root = mount({ ...barr, reviewedAt: '' });
    expect(texts(root, '.since h3')).toEqual(['Since then']);
  });

  it('labels a quote from the messages, and a kind without a message by its own name instead of failing', () => {
    const quote = {
      ...barr,
      id: 'quote.test',
      kind: 'quote',
      name: '“embraced so many autocrats”',
      description: 'Joe Biden on Trump, during the 2020 campaign.',
    } as unknown as Entity;
    const quoteRoot = mount(quote);
    expect(texts(quoteRoot, '.kind')).toEqual(['Quote']);
    expect(texts(quoteRoot, '.description')).toEqual(['Joe Biden on Trump, during the 2020 campaign.']);
    const place = mount({ ...barr, id: 'place.test', kind: 'place' } as unknown as Entity);
    expect(texts(place, '.kind')).toEqual(['place']);
  });
});
