// What docs/openapi.yaml says, read by the tests: the problem types the API can answer.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Every problem type the API can answer: the table in docs/openapi.yaml's `info.description`. */
export function contractTypes(): string[] {
  const doc = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8'));
  const slugs = [...String(doc.info.description).matchAll(/https:\/\/microdrop\.dev\/problems\/([a-z-]+)/g)]
    .map((m) => m[1]);
  return [...new Set(slugs)].sort();
}
