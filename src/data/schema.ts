/**
 * The dataset's source schema (valibot): one file per entity in `entities/`, one per article in
 * `articles/`. `npm run dataset -- schema` exports it as JSON Schema for editors. Cross-file rules
 * (known entity ids, quotes found once in their paragraph, no overlaps) live in
 * tools/dataset/compile.ts because a schema cannot see other files.
 */
import * as v from 'valibot';

const HTML_LIKE = /<\s*\/?\s*[a-z!?]|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

export const PlainText = v.pipe(
  v.string(),
  v.check((s) => s.trim().length > 0, 'must not be empty'),
  v.check((s) => !HTML_LIKE.test(s), 'must be plain text: markup and HTML entities are not allowed'),
);

const BoundedText = (max: number) => v.pipe(PlainText, v.maxLength(max, `must be at most ${max} characters`));

export const HttpsUrl = v.pipe(
  v.string(),
  v.check((s) => /^https:\/\/[^\s/$.?#].[^\s]*$/i.test(s), 'must be an https:// link (http:, javascript:, data: and others are refused)'),
  v.check((s) => {
    try {
      return new URL(s).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be a valid URL'),
);

function isRealDate(s: string): boolean {
  const [y, m = 1, d = 1] = s.split('-').map(Number);
  if (y === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const PartialDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check(isRealDate, 'is not a real calendar date'),
);

export const FullDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'), v.check(isRealDate, 'is not a real calendar date'));

export const EntityId = v.pipe(v.string(), v.regex(/^(person|org|event|law|place|quote)\.[a-z0-9]+(-[a-z0-9]+)*$/, 'must look like "person.vladimir-putin"'));

export const EntityKindSchema = v.picklist(['person', 'organisation', 'event', 'law', 'quote']);

/** When an entity's "since then" was last reviewed: a month or a day (a bare year is too vague to tell a reader). */
export const ReviewDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a date as YYYY-MM or YYYY-MM-DD'),
  v.check(isRealDate, 'is not a real calendar date'),
);

/**
 * Separates the outlet from the headline in a source title: "Outlet — Headline". The outlet comes
 * first because the card lists sources by who published them; a wire service carried by another
 * site goes in brackets, e.g. "Taipei Times (AFP) — …".
 */
export const OUTLET_SEPARATOR = ' — ';

/** The outlet a source title names, or null when the title does not follow "Outlet — Headline". */
export function outletOf(title: string): string | null {
  const at = title.indexOf(OUTLET_SEPARATOR);
  if (at === -1) return null;
  const outlet = title.slice(0, at).trim();
  const headline = title.slice(at + OUTLET_SEPARATOR.length).trim();
  return outlet.length >= 2 && outlet.length <= 60 && headline.length > 0 ? outlet : null;
}

export const SourceTitle = v.pipe(
  BoundedText(160),
  v.check((s) => outletOf(s) !== null, 'must name its outlet: "Outlet — Headline" (an outlet of 2 to 60 characters, then " — " and the headline)'),
);

export const EntitySchema = v.strictObject({
  id: EntityId,
  kind: EntityKindSchema,
  name: BoundedText(80),
  aliases: v.pipe(v.array(BoundedText(120)), v.minLength(1, 'needs at least one alias')),
  description: BoundedText(200),
  roles: v.pipe(
    v.array(v.strictObject({ from: v.optional(PartialDate), until: v.optional(PartialDate), text: BoundedText(240) })),
    v.minLength(1, 'needs at least one role'),
  ),
  facts: v.pipe(
    v.array(v.strictObject({ label: BoundedText(32), value: BoundedText(200) })),
    v.minLength(2, 'needs 2 to 5 key facts'),
    v.maxLength(5, 'needs 2 to 5 key facts'),
  ),
  timeline: v.array(v.strictObject({ date: PartialDate, text: BoundedText(240) })),
  sources: v.pipe(v.array(v.strictObject({ title: SourceTitle, url: HttpsUrl })), v.minLength(1, 'needs at least one source')),
  /** Checked against the timeline and today's date by tools/dataset/compile.ts. */
  reviewedAt: ReviewDate,
});

export const MentionSchema = v.strictObject({
  entity: EntityId,
  exact: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  prefix: v.optional(v.string()),
  suffix: v.optional(v.string()),
});

export const ParagraphSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^p\d+$/, 'must look like "p3"')),
  role: v.optional(v.literal('headline')),
  text: PlainText,
  mentions: v.array(MentionSchema),
});

export const ArticleSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')),
  headline: BoundedText(300),
  publisher: BoundedText(100),
  published: FullDate,
  urls: v.array(HttpsUrl),
  summary: BoundedText(1200),
  paragraphs: v.pipe(v.array(ParagraphSchema), v.minLength(1, 'needs at least one paragraph')),
});

export type EntitySource = v.InferOutput<typeof EntitySchema>;
export type ArticleSource = v.InferOutput<typeof ArticleSchema>;
