// `npm run demo`: builds if needed, serves the article on a news-page template and a real page from
// 127.0.0.1, launches headless Chromium (and Firefox ESR with --firefox) with the built extension,
// hovers a name (and opens its "More"), opens the popup and the panel, writes screenshots to demo-output/ and prints what it detected.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, importTs } from './lib/import-ts.mjs';

const wantFirefox = process.argv.includes('--firefox');
const OUT = path.join(ROOT, 'demo-output');
fs.mkdirSync(OUT, { recursive: true });
if (!fs.existsSync(path.join(ROOT, 'dist/chrome/manifest.json')) || process.argv.includes('--rebuild')) {
  execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { stdio: 'inherit' });
}
const { launch, startServer, waitFor, readMentions, mentionPoint, REALPAGES } = await importTs('tests/e2e/harness.ts');

const server = await startServer();
const browsers = wantFirefox ? ['chromium', 'firefox'] : ['chromium'];
try {
  for (const name of browsers) {
    const session = await launch(name);
    try {
      const page = await session.newPage();
      await page.setViewport({ width: 1200, height: 900 });
      const url = `${server.origin}/fixtures/original.html`;
      await page.goto(url, { waitUntil: 'load' });
      await waitFor(page, 'html[data-backstory-article]', 15_000);
      await page.waitForFunction(() => (CSS.highlights.get('backstory-mention')?.size ?? 0) > 0, { timeout: 15_000 });
      const mentions = await readMentions(page);
      const detected = await page.evaluate(() => ({
        article: document.documentElement.getAttribute('data-backstory-article'),
        scan: performance.getEntriesByName('backstory:scan').map((e) => e.duration),
        annotate: performance.getEntriesByName('backstory:annotate').map((e) => e.duration),
      }));
      detected.mentions = mentions.length;
      detected.entities = new Set(mentions.map((m) => m.entity)).size;
      // The page as the reader first sees it: the names underlined, nothing else changed.
      await page.screenshot({ path: path.join(OUT, `${name}-page.png`) });
      const putin = mentions.find((m) => m.entity === 'person.vladimir-putin');
      const at = await mentionPoint(page, putin.index);
      await page.mouse.move(at.x, at.y, { steps: 3 });
      // The card as the reader sees it: placed, and its 120 ms appear animation over.
      await page.waitForFunction(
        () => {
          const card = document.querySelector('backstory-root')?.shadowRoot?.querySelector('[data-backstory-popover][data-placement]');
          return Boolean(card) && card.getAnimations({ subtree: true }).every((a) => a.playState === 'finished');
        },
        { timeout: 5_000 },
      );
      await page.screenshot({ path: path.join(OUT, `${name}-card.png`) });
      // "More" opens the facts, the whole timeline and the sources in place.
      const more = await page.evaluateHandle(() => document.querySelector('backstory-root').shadowRoot.querySelector('[data-backstory-popover] button.more'));
      await more.click();
      await page.waitForFunction(
        () => Boolean(document.querySelector('backstory-root')?.shadowRoot?.querySelector('[data-backstory-popover] button.more[aria-expanded="true"]')),
        { timeout: 5_000 },
      );
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.screenshot({ path: path.join(OUT, `${name}-card-expanded.png`) });
      const tabId = await session.tabIdOf(page);
      const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-state="article"]');
      await popup.setViewport({ width: 400, height: 800 });
      const quality = await popup.$eval('[data-testid="match-quality"]', (e) => e.textContent);
      // The viewport, as in the toolbar: a full-page capture would paint the sticky switch bar over the list.
      await popup.screenshot({ path: path.join(OUT, `${name}-popup-article.png`) });
      console.log(`${name}: detected ${detected.article}`);
      console.log(`  ${quality}; ${detected.mentions} mentions of ${detected.entities} entities anchored`);
      if (detected.scan.length)
        console.log(
          `  backstory:scan ${detected.scan.map((d) => d.toFixed(1)).join(', ')} ms; backstory:annotate ${detected.annotate.map((d) => d.toFixed(1)).join(', ')} ms`,
        );
      await popup.close();

      // The panel beside an updated edition: what this copy is (a headline changed, paragraphs edited,
      // one missing, lines added), then each card's content. Its page with ?tab=ID, as the popup's.
      const edition = await session.newPage();
      await edition.goto(`${server.origin}/fixtures/updated-edition.html`, { waitUntil: 'load' });
      await waitFor(edition, 'html[data-backstory-article]', 15_000);
      const panel = await session.openExtensionPage(`panel.html?tab=${await session.tabIdOf(edition)}`, '[data-testid="provenance"]');
      await panel.setViewport({ width: 400, height: 1000 });
      await panel.evaluate(() => (document.querySelector('[data-testid="provenance-details"]').open = true));
      await panel.screenshot({ path: path.join(OUT, `${name}-panel.png`) });
      const provenance = await panel.$eval('[data-testid="provenance-summary"]', (e) => e.textContent);
      console.log(`  panel on updated-edition.html: ${provenance}`);
      await panel.close();
      await edition.close();

      const real = fs.existsSync(REALPAGES) ? fs.readdirSync(REALPAGES).find((f) => f === 'cnn.html') : undefined;
      if (real) {
        const other = await session.newPage();
        await other.goto(`${server.origin}/real/${real}`, { waitUntil: 'load' }).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1000));
        const untouched = await other.evaluate(
          () =>
            !document.documentElement.hasAttribute('data-backstory-article') &&
            !document.querySelector('backstory-root, [data-backstory-entity]') &&
            !CSS.highlights.has('backstory-mention'),
        );
        const otherTab = await session.tabIdOf(other);
        const none = await session.openExtensionPage(`popup.html?tab=${otherTab}`, '[data-state="none"]');
        await none.setViewport({ width: 400, height: 400 });
        await none.screenshot({ path: path.join(OUT, `${name}-popup-none.png`) });
        console.log(`  real page ${real}: ${untouched ? 'untouched' : 'TOUCHED (bug)'}; popup shows "no article"`);
      }
    } finally {
      await session.close();
    }
  }
  console.log(`screenshots in ${path.relative(process.cwd(), OUT) || OUT}/`);
} finally {
  await server.close();
}
