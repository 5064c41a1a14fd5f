// The console's wire types (ui/src/openapi.gen.ts) are generated from the OpenAPI document the server
// serves (scripts/openapi/): they must say what /v1/openapi.json says today, and the generator must
// refuse what it cannot translate rather than type it loosely.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { typesOf, UI_TYPES } from '../../scripts/openapi/typescript.js';
import { startStack } from '../../support/stack.js';

describe("the console's wire types", () => {
  it('are what the served /v1/openapi.json says (npm run build:ui rewrites them)', async (t) => {
    const s = await startStack();
    t.after(() => s.close());
    const served = await s.call('GET', '/v1/openapi.json');
    assert.equal(served.status, 200);
    assert.equal(readFileSync(UI_TYPES, 'utf8'), typesOf(served.body), 'ui/src/openapi.gen.ts is stale: run npm run build:ui and commit it');
  });

  it('carry nullability, optional fields, literal enums and references into TypeScript', () => {
    const types = typesOf({
      components: { schemas: { Failure: { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } } } },
      paths: {
        '/v1/things/{id}': {
          put: {
            requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } } } } },
            responses: {
              200: { content: { 'application/json': { schema: {
                type: 'object', required: ['kind', 'owner'],
                properties: {
                  kind: { type: 'string', enum: ['a', "it's", null], nullable: true },
                  owner: { type: 'string', nullable: true, description: 'who holds it' },
                  extra: { type: 'object', additionalProperties: { type: 'integer' } },
                },
              } } } },
              404: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } },
            },
          },
          delete: { responses: { 204: {} } },
        },
      },
    });
    assert.equal(types, [
      "// Generated from covalence's /v1/openapi.json by `npm run build:ui` (scripts/openapi/): do not edit.",
      '',
      'export interface Schemas {',
      '  Failure: {',
      '    detail: string;',
      '  };',
      '}',
      '',
      'export interface Paths {',
      "  '/v1/things/{id}': {",
      '    delete: {',
      '      ok: void;',
      '    };',
      '    put: {',
      '      body?: {',
      '        tags?: Array<string>;',
      '      };',
      '      ok: {',
      "        kind: 'a' | 'it\\'s' | null;",
      '        /** who holds it */',
      '        owner: string | null;',
      '        extra?: Record<string, number>;',
      '      };',
      '    };',
      '  };',
      '}',
      '',
    ].join('\n'));
  });

  it('refuse a schema they cannot translate, naming where it is', () => {
    const document = (schema: Record<string, unknown>) => ({
      paths: { '/v1/x': { get: { responses: { 200: { content: { 'application/json': { schema } } } } } } },
    });
    assert.throws(() => typesOf(document({ allOf: [{ type: 'string' }] })), /GET \/v1\/x 200: cannot translate allOf/);
    assert.throws(() => typesOf(document({ type: 'object', properties: { n: { type: ['string', 'null'] } } })), /GET \/v1\/x 200\.n: cannot translate type \["string","null"\]/);
    assert.throws(() => typesOf(document({ $ref: 'other.json#/x' })), /cannot follow other\.json#\/x/);
  });
});
