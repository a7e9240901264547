// @vitest-environment happy-dom
/**
 * What extraction reads (generous, for detection) and what the annotation rule refuses (strict):
 * the markup of the real pages that were missed (../shared/realpages, issue 12), reduced to the
 * element that used to hide the article.
 */
import { describe, expect, it } from 'vitest';
import { annotatableIn, articleWrappers } from '../../../src/annotator/annotatable.js';
import { extractBlocks } from '../../../src/content/extract.js';
import { blockText } from '../../../src/shared/page-block.js';

const PARA = (n: number): string => `<p>Paragraph ${n} of the story has more than eight words in it, as prose does.</p>`;
const ARTICLE = [1, 2, 3, 4].map(PARA).join('');

async function read(html: string): Promise<string[]> {
  document.body.innerHTML = html;
  const { blocks } = await extractBlocks(document.body, new AbortController().signal);
  return blocks.map(blockText).map((t) => t.trim());
}

describe('extraction reads the article wherever it is', () => {
  it.each([
    [
      'cnn.html: social in the main landmark class',
      `<main class="container js-social-anchor-start" role="main"><div class="l-container">${ARTICLE}</div></main>`,
    ],
    [
      'aclu.html: sidebar in a page-region wrapper',
      `<div class="panel-display panel-two-col-sidebar-right-mix"><div class="panel-col-first">${ARTICLE}</div></div>`,
    ],
    ['bug-1255978.html: share in the article body id', `<div itemprop="articleBody" id="gigya-share-btns-2_gig_containerParent">${ARTICLE}</div>`],
    ['liberation-1.html: a page-wide ad wrapper', `<div id="ad-portal"><article>${ARTICLE}</article></div>`],
    ['videos-1.html: sidebar on the article body segment', `<div class="l-sidebar-fixed l-segment l-article-body-segment">${ARTICLE}</div>`],
    [
      'ASP.NET: one form around the page',
      `<form id="aspnetForm" action="/x" method="post"><input type="hidden" value="state"><div>${ARTICLE}</div><button>Send</button></form>`,
    ],
    ['a body classed paywall', `<div class="article-body paywall">${ARTICLE}</div>`],
  ])('%s', async (_, html) => {
    const blocks = await read(html);
    expect(blocks.filter((b) => b.startsWith('Paragraph'))).toHaveLength(4);
    expect(blocks.join(' ')).not.toMatch(/state|Send/);
  });

  it('reads prose in <pre> (ietf-1.html), never code', async () => {
    const blocks = await read(
      `<pre>Paragraph one of the memo is written as plain prose text here.\n\nParagraph two follows it.</pre><pre><code>const secret = computeThings(1, 2, 3, 4, 5);</code></pre><p>x <code>inlineCode()</code> y</p>`,
    );
    expect(blocks[0]).toContain('Paragraph one of the memo');
    expect(blocks.join(' ')).not.toContain('secret');
    expect(blocks.join(' ')).not.toContain('inlineCode');
  });

  it('drops menus and lists of links, keeps prose with links in it', async () => {
    const blocks = await read(
      `<div class="menu-box"><ul><li><a href="/a">World news today from everywhere</a></li><li><a href="/b">Politics and more politics now</a></li></ul></div><p>Prose with <a href="/l">one link</a> in the middle of many other words here.</p>`,
    );
    expect(blocks).toEqual(['Prose with one link in the middle of many other words here.']);
  });

  it('still skips site chrome by what it is: nav, aside, landmark header/footer, controls, hidden', async () => {
    const blocks = await read(
      `<header>Site header words</header><nav>Nav words</nav><aside>Aside words</aside><div role="complementary">Box words</div><textarea>Typed words</textarea><div hidden>Hidden words</div><main>${PARA(1)}</main><footer>Footer words</footer>`,
    );
    expect(blocks).toEqual([PARA(1).replace(/<\/?p>/g, '')]);
  });
});

describe('annotation refuses boilerplate below the article, never the article wrappers', () => {
  function setUp(html: string): { isAnnotatable: (node: Node) => boolean; textOf: (selector: string) => Node } {
    document.body.innerHTML = html;
    const paragraphs = [...document.querySelectorAll('.a')].map((p) => p.firstChild as Node);
    return {
      isAnnotatable: annotatableIn(articleWrappers(paragraphs)),
      textOf: (selector) => (document.querySelector(selector) as Element).firstChild as Node,
    };
  }

  it('annotates the article body in a wrapper named like a box, below the headline (late-progressive.html)', () => {
    const { isAnnotatable, textOf } = setUp(
      `<div id="story"><h1 class="a">Putin and Biden</h1><div class="article__content share-wrapper"><p class="a" id="p1">Putin said.</p><p class="a">Biden said.</p><div class="related"><p id="rel">Putin teaser</p></div></div></div>`,
    );
    expect(isAnnotatable(textOf('#p1'))).toBe(true);
    expect(isAnnotatable(textOf('h1'))).toBe(true);
    expect(isAnnotatable(textOf('#rel'))).toBe(false);
  });

  it('annotates the article inside named wrappers and a page-wide form', () => {
    const { isAnnotatable, textOf } = setUp(
      `<form id="aspnetForm"><div id="ad-portal"><main class="js-social-anchor-start"><div itemprop="articleBody" id="share-parent"><p class="a" id="p1">Putin said.</p><p class="a">Biden said.</p></div></main></div></form>`,
    );
    expect(isAnnotatable(textOf('#p1'))).toBe(true);
  });

  it('refuses related/promo/ad boxes, nav, aside, forms, editable regions, code and pre inside the article', () => {
    const { isAnnotatable, textOf } = setUp(`<article><p class="a">Putin said.</p>
      <div class="related"><p id="rel">Putin teaser</p></div><div class="ad-slot"><span id="ad">Putin ad</span></div>
      <nav><span id="nav">Putin</span></nav><aside><span id="aside">Putin</span></aside>
      <form><label id="form">Putin</label><span id="form2">Putin</span></form><div contenteditable="true"><span id="edit">Putin</span></div>
      <code id="code">Putin()</code><pre id="pre">Putin prose</pre>
      <p class="a">Biden said.</p></article><footer><span id="foot">Putin</span></footer>`);
    for (const id of ['#rel', '#ad', '#nav', '#aside', '#form', '#form2', '#edit', '#code', '#pre', '#foot']) expect(isAnnotatable(textOf(id)), id).toBe(false);
  });
});
