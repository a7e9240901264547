/** Temp-dir datasets for the compiler tests. */
import fs from 'node:fs';
import { afterAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleSource, EntitySource } from '../../../src/data/schema.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DATA_DIR = path.join(ROOT, 'src/data');

/** Every temp dir a test file made, removed when the file's tests are done (they used to pile up in /tmp). */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'backstory-dataset-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function entity(id: string, name: string, overrides: Partial<EntitySource> = {}): EntitySource {
  return {
    id,
    kind: 'person',
    name,
    aliases: [name],
    description: `${name} is a test person.`,
    roles: [{ from: '2000', text: 'Test role.' }],
    facts: [
      { label: 'Born', value: '1950' },
      { label: 'Known for', value: 'Tests' },
    ],
    timeline: [{ date: '2021-01-26', text: 'Did something later.' }],
    sources: [{ title: 'Example Outlet — Example source', url: 'https://example.org/source' }],
    reviewedAt: '2021-02',
    ...overrides,
  };
}

export function article(id: string, overrides: Partial<ArticleSource> = {}): ArticleSource {
  return {
    id,
    headline: 'Alice Smith meets Bob Jones in the capital',
    publisher: 'Test Times',
    published: '2020-12-15',
    urls: ['https://example.org/news/1'],
    summary: 'Two people met.',
    paragraphs: [
      {
        id: 'p0',
        role: 'headline',
        text: 'Alice Smith meets Bob Jones in the capital',
        mentions: [
          { entity: 'person.alice-smith', exact: 'Alice Smith' },
          { entity: 'person.bob-jones', exact: 'Bob Jones' },
        ],
      },
      {
        id: 'p1',
        text: 'Alice Smith said on Monday that Bob Jones would visit, and Bob Jones agreed to come soon.',
        mentions: [
          { entity: 'person.alice-smith', exact: 'Alice Smith' },
          { entity: 'person.bob-jones', exact: 'Bob Jones', suffix: ' would' },
        ],
      },
    ],
    ...overrides,
  };
}

export interface DatasetFiles {
  entities?: Record<string, unknown>;
  articles?: Record<string, unknown>;
}

/** Writes a dataset; values that are strings are written verbatim (for invalid JSON). */
export function writeDataset(files: DatasetFiles, dir = tempDir()): string {
  for (const kind of ['entities', 'articles'] as const) {
    fs.mkdirSync(path.join(dir, kind), { recursive: true });
    for (const [name, value] of Object.entries(files[kind] ?? {})) {
      fs.writeFileSync(path.join(dir, kind, name), typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
    }
  }
  return dir;
}

export function validFiles(): Required<DatasetFiles> {
  return {
    entities: {
      'person.alice-smith.json': entity('person.alice-smith', 'Alice Smith'),
      'person.bob-jones.json': entity('person.bob-jones', 'Bob Jones'),
    },
    articles: { 'a.json': article('test-article') },
  };
}
