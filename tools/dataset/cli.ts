/**
 * `npm run dataset -- <command>`: dataset tooling (loaded by tools/dataset.mjs).
 *   check [--dir DIR]                      validate without building
 *   suggest FILE.txt [--dir DIR]           article skeleton with proposed mentions, on stdout
 *   synth N --seed S [--out DIR] [--no-real]   deterministic synthetic dataset
 *   schema                                 export src/data/schema.ts as JSON Schema
 * Exit codes: 0 ok, 1 invalid data, 2 usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { ArticleSchema, EntitySchema, type EntitySource } from '../../src/data/schema.js';
import { compileDataset, formatDatasetErrors, jsonPath, type DatasetError } from './compile.js';
import { articleIdFromFileName, suggestArticle } from './suggest.js';
import { synthDataset, toSourceJson } from './synth.js';

export const USAGE = `usage: npm run dataset -- <command>

commands:
  check [--dir DIR]                          validate the dataset (default DIR: src/data)
  suggest FILE.txt [--dir DIR]               print an article skeleton with proposed mentions
  synth N --seed S [--out DIR] [--no-real]   write a synthetic dataset of N articles
                                             (default DIR: .cache/synth-N-S)
  schema                                     write src/data/schema/*.schema.json

exit codes: 0 ok, 1 invalid data, 2 usage error`;

/** Marks a folder written by `synth`, so a later run may replace its contents. */
const SYNTH_MARKER = '.backstory-synth';

export interface CliIo {
  /** Project root: default dataset and schema locations are relative to it. */
  root: string;
  /** Where relative paths given on the command line are resolved. */
  cwd?: string;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

class UsageError extends Error {}

interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

const VALUE_OPTIONS = new Set(['--dir', '--out', '--seed']);
const FLAG_OPTIONS = new Set(['--no-real']);

function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (FLAG_OPTIONS.has(name)) {
      if (eq !== -1) throw new UsageError(`${name} takes no value`);
      options.set(name, true);
    } else if (VALUE_OPTIONS.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      options.set(name, value);
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  return { positional, options };
}

function allowOnly(args: ParsedArgs, allowed: readonly string[], maxPositional: number, command: string): void {
  for (const name of args.options.keys()) if (!allowed.includes(name)) throw new UsageError(`${command} does not take ${name}`);
  if (args.positional.length > maxPositional) throw new UsageError(`${command}: unexpected argument "${args.positional[maxPositional]}"`);
}

function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

function runCheck(args: ParsedArgs, io: Required<CliIo>): number {
  allowOnly(args, ['--dir'], 0, 'check');
  const dir = path.resolve(io.cwd, stringOption(args, '--dir') ?? path.join(io.root, 'src/data'));
  const result = compileDataset(dir);
  if (!result.ok) {
    io.err(formatDatasetErrors(result.errors));
    io.err(`dataset invalid: ${result.errors.length} error(s)`);
    return 1;
  }
  const { catalog, records } = result.compiled;
  const annotations = records.reduce((sum, r) => sum + r.annotations.length, 0);
  io.out(`dataset OK: ${catalog.articles.length} article(s), ${catalog.entityCount} entities, ${annotations} annotations`);
  return 0;
}

function loadEntities(dir: string): { entities: EntitySource[]; errors: DatasetError[] } {
  const errors: DatasetError[] = [];
  const entities: EntitySource[] = [];
  const entityDir = path.join(dir, 'entities');
  if (!fs.existsSync(entityDir)) return { entities, errors: [{ file: 'entities', path: '$', reason: 'folder is missing' }] };
  for (const name of fs
    .readdirSync(entityDir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = path.join('entities', name);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(entityDir, name), 'utf8'));
    } catch (error) {
      errors.push({ file, path: '$', reason: `is not valid JSON (${(error as Error).message})` });
      continue;
    }
    const parsed = v.safeParse(EntitySchema, raw);
    if (parsed.success) entities.push(parsed.output);
    else for (const issue of parsed.issues) errors.push({ file, path: jsonPath(issue), reason: issue.message });
  }
  return { entities, errors };
}

function runSuggest(args: ParsedArgs, io: Required<CliIo>): number {
  allowOnly(args, ['--dir'], 1, 'suggest');
  const file = args.positional[0];
  if (!file) throw new UsageError('suggest needs the article text file');
  const textPath = path.resolve(io.cwd, file);
  if (!fs.existsSync(textPath) || !fs.statSync(textPath).isFile()) throw new UsageError(`no such file: ${file}`);
  const dir = path.resolve(io.cwd, stringOption(args, '--dir') ?? path.join(io.root, 'src/data'));
  const { entities, errors } = loadEntities(dir);
  if (errors.length > 0) {
    io.err(formatDatasetErrors(errors));
    return 1;
  }
  const text = fs.readFileSync(textPath, 'utf8');
  const article = suggestArticle(text, entities, articleIdFromFileName(file));
  if (!article.headline) {
    io.err(`${file}: the file has no text`);
    return 1;
  }
  io.out(toSourceJson(article).trimEnd());
  return 0;
}

function copyJsonFiles(from: string, to: string): number {
  if (!fs.existsSync(from)) return 0;
  const names = fs
    .readdirSync(from)
    .filter((n) => n.endsWith('.json'))
    .sort();
  for (const name of names) fs.copyFileSync(path.join(from, name), path.join(to, name));
  return names.length;
}

function runSynth(args: ParsedArgs, io: Required<CliIo>): number {
  allowOnly(args, ['--seed', '--out', '--no-real'], 1, 'synth');
  const countArg = args.positional[0];
  if (countArg === undefined || !/^\d+$/.test(countArg) || Number(countArg) < 1) throw new UsageError('synth needs N, a positive number of articles');
  const seedArg = stringOption(args, '--seed');
  if (seedArg === undefined) throw new UsageError('synth needs --seed S');
  if (!/^\d+$/.test(seedArg) || Number(seedArg) > 0xffffffff) throw new UsageError('--seed must be an integer from 0 to 4294967295');
  const count = Number(countArg);
  const seed = Number(seedArg);
  const outArg = stringOption(args, '--out');
  const out = outArg ? path.resolve(io.cwd, outArg) : path.join(io.root, '.cache', `synth-${count}-${seed}`);
  const realDir = path.join(io.root, 'src/data');
  if (path.resolve(out) === path.resolve(realDir)) throw new UsageError('refusing to write a synthetic dataset over src/data');
  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) throw new UsageError(`${out} is not a folder`);
    if (fs.readdirSync(out).length > 0 && !fs.existsSync(path.join(out, SYNTH_MARKER))) {
      throw new UsageError(`refusing to write into ${out}: it is not empty and was not written by synth`);
    }
  }

  const started = performance.now();
  const { entities, articles } = synthDataset(count, seed);
  const entityDir = path.join(out, 'entities');
  const articleDir = path.join(out, 'articles');
  fs.rmSync(entityDir, { recursive: true, force: true });
  fs.rmSync(articleDir, { recursive: true, force: true });
  fs.mkdirSync(entityDir, { recursive: true });
  fs.mkdirSync(articleDir, { recursive: true });
  fs.writeFileSync(path.join(out, SYNTH_MARKER), `synth ${count} --seed ${seed}${args.options.has('--no-real') ? ' --no-real' : ''}\n`);
  for (const entity of entities) fs.writeFileSync(path.join(entityDir, `${entity.id}.json`), toSourceJson(entity));
  for (const article of articles) fs.writeFileSync(path.join(articleDir, `${article.id}.json`), toSourceJson(article));
  let real = '';
  if (!args.options.has('--no-real')) {
    const realEntities = copyJsonFiles(path.join(realDir, 'entities'), entityDir);
    const realArticles = copyJsonFiles(path.join(realDir, 'articles'), articleDir);
    real = ` + ${realArticles} real article(s), ${realEntities} real entities`;
  }
  const ms = Math.round(performance.now() - started);
  io.out(`wrote ${articles.length} synthetic article(s), ${entities.length} entities${real} to ${path.relative(io.cwd, out) || '.'} in ${ms} ms`);
  return 0;
}

function runSchema(args: ParsedArgs, io: Required<CliIo>): number {
  allowOnly(args, [], 0, 'schema');
  const dir = path.join(io.root, 'src/data/schema');
  fs.mkdirSync(dir, { recursive: true });
  const outputs = [
    { file: 'entity.schema.json', title: 'Backstory entity', schema: EntitySchema },
    { file: 'article.schema.json', title: 'Backstory article', schema: ArticleSchema },
  ];
  for (const { file, title, schema } of outputs) {
    // Custom checks (plain text, https, real dates, cross-file rules) have no JSON Schema form:
    // `npm run dataset -- check` remains the authority.
    const { $schema, ...rest } = toJsonSchema(schema, { errorMode: 'ignore' });
    const json = {
      $schema,
      title,
      description: `${title} (source format). Generated from src/data/schema.ts by \`npm run dataset -- schema\`; \`npm run dataset -- check\` also enforces plain text, https links, real dates and cross-file rules.`,
      ...rest,
    };
    fs.writeFileSync(path.join(dir, file), toSourceJson(json));
    io.out(`wrote ${path.relative(io.cwd, path.join(dir, file))}`);
  }
  return 0;
}

/** Runs one command; returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  const full: Required<CliIo> = {
    root: io.root,
    cwd: io.cwd ?? process.cwd(),
    out: io.out ?? ((text) => process.stdout.write(`${text}\n`)),
    err: io.err ?? ((text) => process.stderr.write(`${text}\n`)),
  };
  const [command, ...rest] = argv;
  try {
    if (command === 'help' || command === '--help' || command === '-h') {
      full.out(USAGE);
      return 0;
    }
    const args = parseArgs(rest);
    switch (command) {
      case 'check':
        return runCheck(args, full);
      case 'suggest':
        return runSuggest(args, full);
      case 'synth':
        return runSynth(args, full);
      case 'schema':
        return runSchema(args, full);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      full.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
