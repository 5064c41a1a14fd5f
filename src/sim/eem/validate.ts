// Checks a JSON value against a TypeBox schema and turns the first mismatch into an EemError whose
// message names the field the way a user wrote it (`devices[3].type: must be one of "40g", "10g"`).
import type { Static, TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { EemError, type EemErrorKind } from './errors.js';

export function validate<T extends TSchema>(schema: T, value: unknown, kind: EemErrorKind, where: string): Static<T> {
  if (Value.Check(schema, value)) return value;
  const first = Value.Errors(schema, value).First();
  const detail = first ? `${fieldPath(where, first.path)}: ${explain(first)}` : `${where}: invalid`;
  throw new EemError(kind, detail);
}

/** `devices[3]` + `/notification_status0/1` → `devices[3].notification_status0[1]`. */
function fieldPath(where: string, pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .reduce((path, seg) => (/^\d+$/.test(seg) ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg), where);
}

function explain(error: ValueError): string {
  const got = ` (got ${JSON.stringify(error.value)?.slice(0, 60) ?? 'nothing'})`;
  if (error.type === ValueErrorType.ObjectAdditionalProperties) return 'is not a field that can be given here';
  const choices = (error.schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (choices?.every((c) => c.const !== undefined)) {
    return `must be one of ${choices.map((c) => JSON.stringify(c.const)).join(', ')}${got}`;
  }
  const pattern = (error.schema as { pattern?: string }).pattern;
  if (pattern) return `must match ${pattern}${got}`;
  return `${error.message.replace(/^Expected/, 'expected')}${got}`;
}
