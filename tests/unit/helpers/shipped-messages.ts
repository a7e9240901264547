/**
 * browser.i18n.getMessage over the real _locales/en/messages.json, placeholders substituted the
 * way browsers do, so unit tests check the shipped strings rather than a copy of them.
 */
import fs from 'node:fs';
import path from 'node:path';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const messages = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../../_locales/en/messages.json'), 'utf8')) as Record<string, Message>;

export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
  });
}
