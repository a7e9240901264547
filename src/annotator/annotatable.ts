/**
 * Where a mention may be created: the strict rule of annotation, apart from extraction's generous
 * one (src/content/extract.ts). Reading a related box, a `<pre>` or a page-wide form for detection
 * is harmless; wrapping a name inside a related/promo/ad box, nav, aside, a form, an editable
 * region, code or the page's own header/footer is not (the DOM contract).
 *
 * Class and id words still mark boilerplate boxes here, but only below the article: the element
 * that holds all of the article's blocks on the page (and every ancestor of it) is a wrapper of
 * the article, whatever its name ("js-social-anchor-start" on CNN's <main>, "ad-portal" around a
 * whole page, a page-wide ASP.NET <form>).
 */

/** Where no mention is ever created: site chrome, controls, editable regions, code. */
const NEVER =
  'nav,aside,code,pre,kbd,samp,textarea,select,button,label,dialog,menu,[contenteditable],' +
  '[role=navigation],[role=banner],[role=contentinfo],[role=complementary],[role=search],[role=menu],[role=menubar],[role=dialog],[role=alert]';
/** Class or id words of boilerplate boxes: related links, teasers, ads, share bars, comments. */
const BOILERPLATE = /(^|[\s_-])(related|recommend(ed|ations)?|promo|teasers?|sidebar|share|sharing|social|comments?|newsletter|advert(isement)?|ads?|ad-slot|sponsor(ed)?|outbrain|taboola|trending|most-read|popular|breadcrumbs?|cookie|subscribe|more-on)([\s_-]|$)/i;
/** A <header> or <footer> inside one of these is the article's own (its headline, its byline). */
const ARTICLE_CONTAINER = 'article,main,[role=main],[role=article]';
/**
 * The page's main text by its markup: never boilerplate by name, even below the container of the
 * article's blocks (a headline outside it lifts that container above it). Not <article>: teaser
 * lists are made of them.
 */
const MAIN_TEXT = 'main,[role=main],[itemprop=articleBody]';

/** The nearest element holding all of `nodes` (the article's blocks on the page). */
export function commonContainer(nodes: readonly Node[]): Element | null {
  let container: Element | null = null;
  for (const node of nodes) {
    const el = node.parentElement;
    if (!container) container = el;
    while (container && el && !container.contains(el)) container = container.parentElement;
  }
  return container;
}

/**
 * Whether a mention in text node `node` may be wrapped. `articleRoot` holds the article's blocks:
 * it and its ancestors are the article's wrappers, so their names and a form among them (a
 * page-wide ASP.NET form) do not count; below it a form or a boilerplate name refuses the mention.
 */
export function isAnnotatable(node: Node, articleRoot: Element | null): boolean {
  const start = node.parentElement;
  if (!start || start.closest(NEVER)) return false;
  // <header>/<footer> are chrome only as page landmarks.
  const landmark = start.closest('header,footer');
  if (landmark && !landmark.parentElement?.closest(ARTICLE_CONTAINER)) return false;
  for (let el: Element | null = start; el && el !== articleRoot; el = el.parentElement) {
    if (el.localName === 'form' || el.getAttribute('role') === 'form') return false;
    if (!el.matches(MAIN_TEXT) && BOILERPLATE.test(`${el.getAttribute('class') ?? ''} ${el.id}`)) return false;
  }
  return true;
}
