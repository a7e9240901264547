/**
 * Where a mention may be created: the strict rule of annotation, apart from extraction's generous
 * one (src/content/extract.ts). Reading a related box, a `<pre>` or a page-wide form for detection
 * is harmless; wrapping a name inside a related/promo/ad box, nav, aside, a form, an editable
 * region, code or the page's own header/footer is not (the DOM contract).
 *
 * Class and id words still mark boilerplate boxes here, but only below the article's wrappers: an
 * element holding two or more of the article's paragraphs wraps the article, whatever its name
 * ("js-social-anchor-start" on CNN's <main>, "ad-portal" around a whole page, a page-wide ASP.NET
 * <form>).
 */

/** Where no mention is ever created: site chrome, controls, code. */
const NEVER_TAGS = new Set(['nav', 'aside', 'code', 'pre', 'kbd', 'samp', 'textarea', 'select', 'button', 'label', 'dialog', 'menu']);
const NEVER_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alert']);
/** Class or id words of boilerplate boxes: related links, teasers, ads, share bars, comments. */
const BOILERPLATE =
  /(^|[\s_-])(related|recommend(ed|ations)?|promo|teasers?|sidebar|share|sharing|social|comments?|newsletter|advert(isement)?|ads?|ad-slot|sponsor(ed)?|outbrain|taboola|trending|most-read|popular|breadcrumbs?|cookie|subscribe|more-on)([\s_-]|$)/i;
/** A <header> or <footer> inside one of these is the article's own (its headline, its byline). */
const ARTICLE_CONTAINER = 'article,main,[role=main],[role=article]';
/**
 * The page's main text by its markup: never boilerplate by name, even where the article has a
 * single paragraph (and so no wrapper). Not <article>: teaser lists are made of them.
 */
const MAIN_TEXT = 'main,[role=main],[itemprop=articleBody]';

/**
 * The article's wrappers: every element holding text of at least two of its paragraphs (`starts`:
 * one text node per paragraph found on the page). A box with a word like "share" in its class that
 * holds the article's body is one of them; a related box inside the article, which holds at most
 * a teaser, is not. Each walk up stops where an earlier one marked the rest: O(depth + paragraphs).
 */
export function articleWrappers(starts: readonly Node[]): Set<Element> {
  const seenBy = new Map<Element, number>();
  const wrappers = new Set<Element>();
  starts.forEach((node, paragraph) => {
    for (let el = node.parentElement; el && !wrappers.has(el); el = el.parentElement) {
      const seen = seenBy.get(el);
      if (seen === undefined) seenBy.set(el, paragraph);
      else if (seen !== paragraph) wrappers.add(el);
    }
  });
  return wrappers;
}

/** What an element's ancestry allows (memoised: on a 5,000-deep page each mention would climb it all). */
interface Verdict {
  ok: boolean;
  /** The element is, or is inside, an article landmark (its <header>/<footer> are the article's own). */
  inArticle: boolean;
}

/**
 * A check for one annotation pass: may a mention in a given text node be wrapped? Site chrome,
 * controls, editable regions and code refuse it anywhere; a form or a boilerplate name refuses it
 * only below the article's wrappers (`articleWrappers`): a page-wide ASP.NET form or CNN's
 * "social" <main> holds the article, a form or a "related" box inside it does not.
 */
export function annotatableIn(wrappers: ReadonlySet<Element>): (node: Node) => boolean {
  const verdicts = new Map<Element, Verdict>();
  const own = (el: Element, parentInArticle: boolean): boolean => {
    const tag = el.localName;
    const role = el.getAttribute('role') ?? '';
    if (NEVER_TAGS.has(tag) || NEVER_ROLES.has(role) || el.hasAttribute('contenteditable')) return false;
    // <header>/<footer> are chrome only as page landmarks.
    if ((tag === 'header' || tag === 'footer') && !parentInArticle) return false;
    if (wrappers.has(el)) return true;
    if (tag === 'form' || role === 'form') return false;
    return !BOILERPLATE.test(`${el.getAttribute('class') ?? ''} ${el.id}`) || el.matches(MAIN_TEXT);
  };
  const verdict = (start: Element): Verdict => {
    const path: Element[] = [];
    let el: Element | null = start;
    for (; el && !verdicts.has(el); el = el.parentElement) path.push(el);
    let above: Verdict = (el && verdicts.get(el)) ?? { ok: true, inArticle: false };
    for (let i = path.length - 1; i >= 0; i--) {
      const current = path[i] as Element;
      above = { ok: above.ok && own(current, above.inArticle), inArticle: above.inArticle || current.matches(ARTICLE_CONTAINER) };
      verdicts.set(current, above);
    }
    return above;
  };
  return (node) => node.parentElement !== null && verdict(node.parentElement).ok;
}
