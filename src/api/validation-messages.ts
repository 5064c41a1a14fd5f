import type { FastifySchemaValidationError } from 'fastify';
import { PLAIN_TEXT } from './schemas.js';

/**
 * Turns the first schema violation into one sentence that names the field by its full path,
 * in Valence's words ("Invalid input for field/attribute 'name'. ..."), never a bare 500.
 */
export function describeValidationError(errors: FastifySchemaValidationError[], part: string): string {
  const e = errors[0];
  if (!e) return `Invalid ${part}.`;
  const path = fieldPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const where = part === 'body' ? '' : ` in the ${part === 'querystring' ? 'query string' : part}`;
  if (e.keyword === 'pattern' && params.pattern === PLAIN_TEXT) {
    return `Invalid input for field/attribute '${path}'${where}. It must not contain control characters (NUL, newlines, tabs, ANSI escapes), line separators or bidirectional overrides.`;
  }
  switch (e.keyword) {
    case 'required':
      return `Invalid input for field/attribute '${join(path, String(params.missingProperty))}'${where}. It is required.`;
    case 'additionalProperties':
      return `Invalid input for field/attribute '${join(path, String(params.additionalProperty))}'${where}. It is not allowed here.`;
    case 'minProperties':
    case 'maxProperties':
      return `Invalid input for field/attribute '${path || part}'${where}. Exactly one of ${describeOneOf(e)} is expected.`;
    case 'enum':
      return `Invalid input for field/attribute '${path || part}'${where}. It must be one of ${allowedValues(params.allowedValues)}.`;
    case 'type':
      if (path === '' && part === 'body') return 'The request body must be a JSON object.';
      return `Invalid input for field/attribute '${path}'${where}. It ${e.message ?? 'has the wrong type'}.`;
    default:
      return `Invalid input for field/attribute '${path || part}'${where}. It ${e.message ?? 'is invalid'}.`;
  }
}

function fieldPath(instancePath: string): string {
  return instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function allowedValues(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ') : 'the documented values';
}

function describeOneOf(e: FastifySchemaValidationError): string {
  const props = (e as { parentSchema?: { properties?: Record<string, unknown> } }).parentSchema?.properties;
  return props ? Object.keys(props).map((k) => `'${k}'`).join(', ') : 'the documented fields';
}
