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

/** Elements inside which no mention is ever created. */
const NEVER_TAGS = new Set(['nav', 'aside', 'code', 'pre', 'kbd', 'samp', 'textarea', 'input', 'select', 'option', 'button', 'label', 'dialog', 'menu', 'script', 'style', 'template']);
/** Landmark roles of site chrome and of forms. */
const NEVER_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alert', 'form']);
/** Class or id words of boilerplate boxes: related links, teasers, ads, share bars, comments. */
const BOILERPLATE = /(^|[\s_-])(related|recommend(ed|ations)?|promo|teasers?|sidebar|share|sharing|social|comments?|newsletter|advert(isement)?|ads?|ad-slot|sponsor(ed)?|outbrain|taboola|trending|most-read|popular|breadcrumbs?|cookie|subscribe|more-on)([\s_-]|$)/i;
/** Landmarks whose text is an article's: a <header> or <footer> inside one is the article's own. */
const ARTICLE_CONTAINER = 'article, main, [role="main"], [role="article"]';
/**
 * The page's main text by its markup: never boilerplate by name, even below the article's blocks'
 * container (a headline outside it lifts that container above it). Not <article>: teaser lists
 * are made of them.
 */
const MAIN_TEXT = 'main, [role="main"], [itemprop="articleBody"]';

/** The nearest element holding all of `nodes` (the article's blocks on the page). */
export function commonContainer(nodes: readonly Node[]): Element | null {
  let container: Element | null = null;
  for (const node of nodes) {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el) continue;
    if (!container) container = el;
    while (container && !container.contains(el)) container = container.parentElement;
  }
  return container;
}

/**
 * Whether a mention starting in `node` may be wrapped. `articleRoot` is the element holding the
 * article's blocks: it and its ancestors are the article's wrappers, so only their structure
 * (nav, aside, code…) counts, never their names, and a form among them is a page-wide form.
 */
export function isAnnotatable(node: Node, articleRoot: Element | null): boolean {
  let wrapper = false;
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el && el !== document.documentElement; el = el.parentElement) {
    if (el === articleRoot) wrapper = true;
    const tag = el.localName;
    if (NEVER_TAGS.has(tag)) return false;
    if ((el as HTMLElement).isContentEditable || el.hasAttribute('contenteditable')) return false;
    const role = el.getAttribute('role');
    if (role && NEVER_ROLES.has(role) && !(wrapper && role === 'form')) return false;
    if (tag === 'form' && !wrapper) return false;
    // <header>/<footer> are chrome only as page landmarks; inside an article they hold its headline.
    if ((tag === 'header' || tag === 'footer') && !el.parentElement?.closest(ARTICLE_CONTAINER)) return false;
    if (!wrapper && !el.matches(MAIN_TEXT) && (BOILERPLATE.test(el.getAttribute('class') ?? '') || BOILERPLATE.test(el.id))) return false;
  }
  return true;
}
