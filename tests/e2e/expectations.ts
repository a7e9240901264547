/** What each fixture should yield, derived from the dataset and the fixtures' own manifest. */
import fs from 'node:fs';
import path from 'node:path';
import type { ArticleSource } from '../../src/data/schema.js';
import { FIXTURES, ROOT } from './harness.js';

export interface Variant {
  file: string;
  title: string;
  shouldDetect: boolean;
  paragraphs: Record<string, 'verbatim' | 'typographic' | 'caps' | 'edited' | 'absent'>;
  notes?: string;
}

export const VARIANTS: Variant[] = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'variants.json'), 'utf8')) as Variant[];

const articleDir = path.join(ROOT, 'src/data/articles');
export const SEED: ArticleSource = JSON.parse(
  fs.readFileSync(
    path.join(
      articleDir,
      fs
        .readdirSync(articleDir)
        .filter((f) => f.endsWith('.json'))
        .sort()[0] as string,
    ),
    'utf8',
  ),
) as ArticleSource;

/** Mentions that must be anchored: those in paragraphs the page carries unedited (up to typography/case). */
export function requiredMentions(variant: Variant): number {
  return SEED.paragraphs.reduce((sum, paragraph, i) => {
    const state = variant.paragraphs[`P${i}`];
    return sum + (state === 'verbatim' || state === 'typographic' || state === 'caps' ? paragraph.mentions.length : 0);
  }, 0);
}

export const TOTAL_MENTIONS = SEED.paragraphs.reduce((sum, p) => sum + p.mentions.length, 0);
