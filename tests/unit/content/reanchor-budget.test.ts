import { describe, expect, it } from 'vitest';
import { MAX_REANCHORS, REANCHOR_WINDOW_MS, ReanchorBudget } from '../../../src/content/reanchor-budget.js';

describe('ReanchorBudget', () => {
  it('grants MAX_REANCHORS re-anchors within a window, then refuses', () => {
    const budget = new ReanchorBudget();
    for (let i = 0; i < MAX_REANCHORS; i++) expect(budget.take(1000 + i)).toBe(true);
    expect(budget.take(1000 + MAX_REANCHORS)).toBe(false);
    expect(budget.take(1000 + REANCHOR_WINDOW_MS - 1)).toBe(false);
  });

  it('grants again once the oldest grant has left the window: a page that updates now and then keeps its mentions', () => {
    const budget = new ReanchorBudget();
    for (let i = 0; i < MAX_REANCHORS; i++) expect(budget.take(i * 10)).toBe(true);
    expect(budget.take(REANCHOR_WINDOW_MS - 1)).toBe(false);
    expect(budget.take(REANCHOR_WINDOW_MS)).toBe(true);
    expect(budget.take(REANCHOR_WINDOW_MS + 1)).toBe(false);
  });

  it('starts afresh on reset (a new URL)', () => {
    const budget = new ReanchorBudget();
    for (let i = 0; i < MAX_REANCHORS; i++) budget.take(i);
    expect(budget.take(10)).toBe(false);
    budget.reset();
    expect(budget.take(11)).toBe(true);
  });
});
