/**
 * The export record's JSON Schema (schema/article.schema.json), compiled once with ajv (draft
 * 2020-12) and ajv-formats, for every test that exports something.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ROOT } from './helpers';

export const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'article.schema.json'), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

/** Validate one record; returns the errors as readable lines (empty when valid). */
export function schemaErrors(record: unknown): string[] {
  if (validate(record)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}
