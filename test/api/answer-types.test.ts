// The answer mappings (resources/*/view.ts) are typed by their response schemas: a field that a
// response schema gains and its mapping forgets does not compile. tsc checks this file; the test
// only says so when it runs.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Type, type Static } from '@sinclair/typebox';
import type { Flavor, NodeAction } from '../../src/core/index.js';
import { FlavorView } from '../../src/api/resources/flavors/schemas.js';
import { flavorView } from '../../src/api/resources/flavors/view.js';
import { ActionBody } from '../../src/api/resources/nodes/schemas.js';

const FlavorViewWithMore = Type.Composite([FlavorView, Type.Object({ colour: Type.String() })]);

function forgotten(f: Flavor): Static<typeof FlavorViewWithMore> {
  // @ts-expect-error `colour` is in the response schema but not in the mapping
  return flavorView(f);
}

/** The action body's type comes from its schema and is what core takes: no cast in the route. */
const action = (body: Static<typeof ActionBody>): NodeAction => body;

it('a mapping that forgets a response field does not compile; the action body is typed by its schema', () => {
  assert.equal(typeof forgotten, 'function');
  assert.deepEqual(action({ attach: { resource_id: 'd' } }), { attach: { resource_id: 'd' } });
});
