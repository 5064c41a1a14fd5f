// TypeScript declarations from covalence's OpenAPI document, so that the console (ui/) reads the
// wire's shapes from the document the server publishes instead of restating them. Only the JSON
// Schema that @fastify/swagger writes for our TypeBox schemas is translated; anything else throws, so
// that a new construct is taught here rather than silently typed `unknown`.

type Schema = { [keyword: string]: unknown };
interface Media { content?: Record<string, { schema?: Schema }> }
interface Operation {
  requestBody?: Media & { required?: boolean };
  responses?: Record<string, Media>;
}
export interface OpenApiDocument {
  components?: { schemas?: Record<string, Schema> };
  paths: Record<string, Record<string, Operation>>;
}

/** The console's copy of the declarations, which `npm run build:ui` writes (scripts/openapi/write-ui-types.ts). */
export const UI_TYPES = new URL('../../../ui/src/openapi.gen.ts', import.meta.url);

const REF = '#/components/schemas/';
/** Keywords that constrain values but not their TypeScript type. */
const IGNORED = new Set(['description', 'example', 'examples', 'default', 'format', 'pattern', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'minimum', 'maximum', 'required']);
const HANDLED = new Set(['$ref', 'anyOf', 'enum', 'nullable', 'type', 'properties', 'additionalProperties', 'items']);

/**
 * `Schemas` (the document's components) and `Paths`: per path and method, the request `body` and the
 * `ok` answer (2xx; every error answer is `Schemas['ValenceError']`). Paths and methods are sorted, so
 * that the output changes only when the wire does.
 */
export function typesOf(doc: OpenApiDocument): string {
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => member(name, s, true, 1, name));
  const paths = Object.keys(doc.paths).sort().map((path) => {
    const methods = Object.keys(doc.paths[path]!).sort().map((method) => {
      const op = doc.paths[path]![method]!;
      const where = `${method.toUpperCase()} ${path}`;
      const body = op.requestBody && json(op.requestBody, `${where} body`);
      const answers = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      const ok = answers.map(([status, r]) => (stream(r) ? 'string' : r.content ? type(json(r, `${where} ${status}`), 3, `${where} ${status}`) : status === '204' ? 'void' : 'unknown'));
      return [
        `    ${method}: {`,
        ...(body ? [`      body${op.requestBody!.required ? '' : '?'}: ${type(body, 3, `${where} body`)};`] : []),
        `      ok: ${ok.length > 0 ? ok.join(' | ') : 'never'};`,
        '    };',
      ].join('\n');
    });
    return `  ${quote(path)}: {\n${methods.join('\n')}\n  };`;
  });
  return [
    "// Generated from covalence's /v1/openapi.json by `npm run build:ui` (scripts/openapi/): do not edit.",
    '',
    `export interface Schemas {\n${schemas.join('\n')}\n}`,
    '',
    `export interface Paths {\n${paths.join('\n')}\n}`,
    '',
  ].join('\n');
}

/** A Server-Sent Events answer (GET /v1/events/stream): text, read with an EventSource, not a JSON body. */
function stream(media: Media): boolean {
  return media.content !== undefined && 'text/event-stream' in media.content && !('application/json' in media.content);
}

function json(media: Media, where: string): Schema {
  const schema = media.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${where}: no application/json schema`);
  return schema;
}

function type(s: Schema, depth: number, where: string): string {
  const unknown = Object.keys(s).filter((k) => !HANDLED.has(k) && !IGNORED.has(k));
  if (unknown.length > 0) throw new Error(`${where}: cannot translate ${unknown.join(', ')} to TypeScript`);
  const t = bare(s, depth, where);
  return s.nullable === true && !(Array.isArray(s.enum) && s.enum.includes(null)) ? `${t} | null` : t;
}

function bare(s: Schema, depth: number, where: string): string {
  if (typeof s.$ref === 'string') {
    if (!s.$ref.startsWith(REF)) throw new Error(`${where}: cannot follow ${s.$ref}`);
    return `Schemas[${quote(s.$ref.slice(REF.length))}]`;
  }
  if (Array.isArray(s.anyOf)) return s.anyOf.map((m: Schema, i) => type(m, depth, `${where} anyOf[${i}]`)).join(' | ');
  if (Array.isArray(s.enum)) return s.enum.map((v) => (typeof v === 'string' ? quote(v) : String(v))).join(' | ');
  switch (s.type) {
    case undefined: return 'unknown';
    case 'string': return 'string';
    case 'integer':
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'array': return `Array<${type(s.items as Schema, depth, `${where}[]`)}>`;
    case 'object': return object(s, depth, where);
    default: throw new Error(`${where}: cannot translate type ${JSON.stringify(s.type)} to TypeScript`);
  }
}

function object(s: Schema, depth: number, where: string): string {
  const properties = Object.entries((s.properties ?? {}) as Record<string, Schema>);
  const rest = typeof s.additionalProperties === 'object' ? (s.additionalProperties as Schema) : undefined;
  if (properties.length === 0) return `Record<string, ${rest ? type(rest, depth, `${where}[*]`) : 'unknown'}>`;
  if (rest) throw new Error(`${where}: cannot translate both properties and additionalProperties to TypeScript`);
  const required = new Set(s.required as string[] | undefined);
  const lines = properties.map(([name, p]) => member(name, p, required.has(name), depth + 1, `${where}.${name}`));
  return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`;
}

function member(name: string, s: Schema, required: boolean, depth: number, where: string): string {
  const indent = '  '.repeat(depth);
  const doc = typeof s.description === 'string' ? `${indent}/** ${s.description.replaceAll('*/', '*\\/')} */\n` : '';
  const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
  return `${doc}${indent}${key}${required ? '' : '?'}: ${type(s, depth, where)};`;
}

function quote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
