// @vitest-environment happy-dom
/**
 * Dataset text is input, not markup: the card renders every field of an entity as text, so a
 * hostile or broken dataset entry (`<img src=x onerror=…>`, `<script>`) creates no element and
 * runs nothing. Renders the real Card with Preact into a happy-dom document.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Entity } from '../../../src/shared/types.js';
import { cardProps } from '../helpers/card-props.js';

// The card's strings go through browser.i18n, which does not exist outside an extension.
vi.mock('../../../src/shared/i18n.js', () => ({
  t: (key: string) => key,
  formatCardDate: (date: string) => date,
}));

const { Card } = await import('../../../src/cards/Card.js');

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>window.__pwned = true</script>';

const hostile: Entity = {
  id: 'person.hostile',
  kind: 'person',
  name: `Mallory ${IMG}`,
  aliases: [],
  description: `A description ${SCRIPT} with ${IMG} inside`,
  roles: [{ from: '2019', text: `Role ${IMG}` }],
  facts: [{ label: `Label ${IMG}`, value: `Value ${SCRIPT}` }],
  timeline: [{ date: '2021-01-20', text: `Later ${IMG}` }],
  sources: [{ title: `Source ${IMG}`, url: 'https://example.org/a' }],
  reviewedAt: '2026-02',
};

describe('Card renders dataset text as text', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('creates no element from markup in any field and shows it literally', () => {
    const alerts = vi.fn();
    (window as unknown as { alert: unknown }).alert = alerts;
    const root = document.createElement('div');
    document.body.append(root);
    render(<Card {...cardProps(hostile)} />, root);
    const card = root.querySelector('[data-backstory-popover]');
    expect(card).not.toBeNull();
    // Nothing parsed as HTML: no img, no script, no inline handler anywhere in the card.
    expect(root.querySelectorAll('img, script, iframe, object, embed')).toHaveLength(0);
    const handlers = [...root.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => a.name),
    );
    expect(handlers).toEqual([]);
    // Every field appears literally, markup characters included.
    const text = card?.textContent ?? '';
    for (const literal of [hostile.name, hostile.description, `Role ${IMG}`, `Label ${IMG}`, `Value ${SCRIPT}`, `Later ${IMG}`, `Source ${IMG}`]) {
      expect(text).toContain(literal);
    }
    expect(root.querySelector('h2')?.textContent).toBe(hostile.name);
    expect(root.innerHTML).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(alerts).not.toHaveBeenCalled();
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('renders a source link only for https: a javascript:, data: or http: URL stays plain text', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const sources = [
      { title: 'Script', url: 'javascript:alert(1)' },
      { title: 'Data', url: 'data:text/html,<script>alert(1)</script>' },
      { title: 'Plain', url: 'http://example.org/a' },
      { title: 'Good', url: 'https://example.org/b' },
    ];
    render(<Card {...cardProps({ ...hostile, sources })} />, root);
    const links = [...root.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([['Good', 'https://example.org/b']]);
    const footer = root.querySelector('.sources')?.textContent ?? '';
    for (const { title } of sources) expect(footer).toContain(title);
  });
});
