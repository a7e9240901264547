import fs from 'node:fs';
import path from 'node:path';
import { toJsonSchema } from '@valibot/to-json-schema';
import { describe, expect, it } from 'vitest';
import { ArticleSchema, EntitySchema } from '../../../src/data/schema.js';
import { DATA_DIR } from './helpers.js';

describe('exported JSON Schema (src/data/schema/)', () => {
  for (const [file, schema] of [
    ['entity.schema.json', EntitySchema],
    ['article.schema.json', ArticleSchema],
  ] as const) {
    it(`${file} is up to date with src/data/schema.ts (run \`npm run dataset -- schema\`)`, () => {
      const text = fs.readFileSync(path.join(DATA_DIR, 'schema', file), 'utf8');
      expect(text.endsWith('}\n')).toBe(true);
      const { title, description, ...stored } = JSON.parse(text) as Record<string, unknown>;
      expect(typeof title).toBe('string');
      expect(typeof description).toBe('string');
      expect(stored).toEqual(toJsonSchema(schema, { errorMode: 'ignore' }));
      expect(stored.additionalProperties).toBe(false);
    });
  }
});
