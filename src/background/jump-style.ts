/**
 * The style of the jump-to-paragraph highlight (content/reveal-paragraph.ts), added to a frame as a
 * user style sheet: it changes no element of the page (a `<style>` would), and a user sheet is one
 * the page's own rules can not override. A tint and an underline: ::highlight() allows only colours
 * and text decorations, and the two together read in light and dark pages and in forced colours.
 */
import browser from '../shared/browser.js';

export const JUMP_STYLE = `::highlight(backstory-jump) {
  background-color: rgb(255 200 0 / 0.45);
  color: inherit;
  text-decoration: underline 2px rgb(26 95 180);
}
@media (forced-colors: active) {
  ::highlight(backstory-jump) { background-color: Highlight; color: HighlightText; }
}`;

export async function addJumpStyle(tabId: number, frameId: number): Promise<boolean> {
  await browser.scripting.insertCSS({ target: { tabId, frameIds: [frameId] }, css: JUMP_STYLE, origin: 'USER' });
  return true;
}
