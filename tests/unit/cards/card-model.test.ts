/**
 * What a card says "as of" the article's date and "since then", with the dataset's partial dates
 * (YYYY, YYYY-MM, YYYY-MM-DD) on either side.
 */
import { describe, expect, it } from 'vitest';
import { kindMessageKey } from '../../../src/cards/card-model.js';
import { roleAt, sinceThen } from '../../../src/ui/card-content.js';
import type { DatedItem, Entity, Role } from '../../../src/shared/types.js';

function entity(roles: Role[], timeline: DatedItem[] = []): Entity {
  return {
    id: 'person.test',
    kind: 'person',
    name: 'Test',
    aliases: [],
    description: 'A test entity.',
    roles,
    facts: [],
    timeline,
    sources: [],
    reviewedAt: '2026-02',
  };
}

// Shaped like person.joe-biden and person.vladimir-putin in src/data/entities.
const biden = entity([
  { from: '1973-01', until: '2009-01', text: 'senator' },
  { from: '2009', until: '2017', text: 'vice president' },
  { from: '2020-11-07', until: '2021-01-20', text: 'president-elect' },
  { from: '2021-01-20', until: '2025-01-20', text: 'president' },
]);
const putin = entity([
  { from: '1999', until: '2000', text: 'prime minister (1999)' },
  { from: '2000', until: '2008', text: 'president (2000-2008)' },
  { from: '2008', until: '2012', text: 'prime minister (2008-2012)' },
  { from: '2012-05-07', text: 'president (since 2012)' },
]);

const role = (e: Entity, date: string): string | undefined => roleAt(e, date)?.text;

describe('roleAt', () => {
  it('picks the role covering a full date', () => {
    expect(role(biden, '2020-12-15')).toBe('president-elect');
    expect(role(biden, '2022-06-01')).toBe('president');
    expect(role(putin, '2020-12-15')).toBe('president (since 2012)');
  });

  it('treats `from` as inclusive and `until` as exclusive: on handover day the new role applies', () => {
    expect(role(biden, '2020-11-07')).toBe('president-elect');
    expect(role(biden, '2021-01-20')).toBe('president');
    expect(role(biden, '2021-01-19')).toBe('president-elect');
  });

  it('compares year-only bounds at year precision', () => {
    // "until 2000" ends the first role before any date in 2000; "from 2000" covers all of 2000.
    expect(role(putin, '1999-09-01')).toBe('prime minister (1999)');
    expect(role(putin, '2000-05-07')).toBe('president (2000-2008)');
    expect(role(putin, '2000')).toBe('president (2000-2008)');
    expect(role(putin, '2007-12-31')).toBe('president (2000-2008)');
    expect(role(putin, '2008-05')).toBe('prime minister (2008-2012)');
  });

  it('compares year-month bounds at month precision', () => {
    expect(role(biden, '1973-01-03')).toBe('senator');
    expect(role(biden, '2008-12-31')).toBe('senator');
    expect(role(biden, '2009-01-15')).toBe('vice president');
    // A partial article date against full-date bounds: the role that has begun by then.
    expect(role(biden, '2020-11')).toBe('president-elect');
    expect(role(putin, '2012-05')).toBe('president (since 2012)');
  });

  it('shows no role rather than an earlier or later one when none covers the date', () => {
    expect(roleAt(biden, '1960-01-01')).toBeUndefined(); // before every role
    expect(roleAt(biden, '2018-03-01')).toBeUndefined(); // between vice president and president-elect
    expect(roleAt(biden, '2026-01-01')).toBeUndefined(); // after the last one ended
    expect(roleAt(entity([]), '2020-12-15')).toBeUndefined();
  });

  it('treats a role without bounds as always current', () => {
    expect(role(entity([{ text: 'seat of the presidency' }]), '2020-12-15')).toBe('seat of the presidency');
  });
});

describe('sinceThen', () => {
  const timeline: DatedItem[] = [
    { date: '2024', text: 'year after' },
    { date: '2020-12-23', text: 'day after' },
    { date: '2020-12', text: 'same month' },
    { date: '2020', text: 'same year' },
    { date: '2020-12-15', text: 'same day' },
    { date: '2020-11-30', text: 'before' },
    { date: '2021-03', text: 'month after' },
    { date: '2021', text: 'next year' },
    { date: '2021-01-06', text: 'january' },
  ];
  const since = (date: string): string[] => sinceThen(entity([], timeline), date).map((item) => item.text);

  it('keeps only what is certainly after the article date, newest first', () => {
    expect(since('2020-12-15')).toEqual(['year after', 'month after', 'january', 'next year', 'day after']);
  });

  it('leaves out items whose coarser date contains the article date (they may have come before it)', () => {
    const texts = since('2020-12-15');
    expect(texts).not.toContain('same month');
    expect(texts).not.toContain('same year');
    expect(texts).not.toContain('same day');
  });

  it('works from a partial article date', () => {
    // Article dated "2020-12": day-level items in December 2020 may be before or after it.
    expect(since('2020-12')).toEqual(['year after', 'month after', 'january', 'next year']);
    expect(since('2020')).toEqual(['year after', 'month after', 'january', 'next year']);
    expect(since('2021-02')).toEqual(['year after', 'month after']);
  });

  it('is empty when nothing came later, and leaves the entity untouched', () => {
    expect(since('2025-06-01')).toEqual([]);
    const e = entity([], timeline);
    sinceThen(e, '2020-12-15');
    expect(e.timeline.map((i) => i.text)).toEqual(timeline.map((i) => i.text));
  });
});

describe('kindMessageKey', () => {
  it('names the message of any kind, including ones added after the UI', () => {
    expect(kindMessageKey('person')).toBe('kindPerson');
    expect(kindMessageKey('organisation')).toBe('kindOrganisation');
    expect(kindMessageKey('quote')).toBe('kindQuote');
  });
});
