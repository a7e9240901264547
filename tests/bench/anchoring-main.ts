/** `npm run bench:anchoring`: only the anchoring corpus table (`--wrong` also lists the wrong places). */
import { anchoringFigures, formatAnchoring, runAnchoringCorpus } from './anchoring.js';

const results = runAnchoringCorpus();
console.log(formatAnchoring(anchoringFigures(results)));
if (process.argv.includes('--wrong') || process.argv.includes('--nothing')) {
  for (const r of results) {
    const show =
      (r.outcome === 'wrong' && process.argv.includes('--wrong')) || (r.outcome === 'nothing' && r.case.expected && process.argv.includes('--nothing'));
    if (!show) continue;
    const around = (s: { start: number; end: number } | null): string =>
      s
        ? `${s.start}:"${r.case.page.slice(Math.max(0, s.start - 15), s.start)}[${r.case.page.slice(s.start, s.end)}]${r.case.page.slice(s.end, s.end + 15)}"`
        : 'nothing';
    console.log(
      `${r.outcome} ${r.case.perturbation} ${r.case.label} occ ${r.case.selector.occurrence}: expected ${around(r.case.expected)} found ${around(r.found)}`,
    );
  }
}
