import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, it } from 'node:test';
import { REQUIRED_PROPERTIES, missingRequired } from '../../src/api/redfish/required-properties.js';
import type { Answer } from '../../support/stack.js';
import { assertRedfishError, startRedfishStack, type RedfishStack } from './support.js';

let t: RedfishStack;
before(async () => {
  t = await startRedfishStack();
});
after(() => t.s.close());

const async = { prefer: 'respond-async' };

/** Polls a task monitor, as DMTF's validator and sushy do, until it stops answering 202. */
async function settle(monitor: string, token: string): Promise<Answer> {
  for (let i = 0; i < 100; i += 1) {
    const r = await t.rf('GET', monitor, undefined, token);
    if (r.status !== 202) return r;
    assert.equal(r.text, '', 'a monitor answers 202 with no body');
    await sleep(20);
  }
  throw new Error(`${monitor} still running`);
}

it('with Prefer: respond-async, compose and decompose answer 202 and a task monitor that ends with their answer', async () => {
  const accepted = await t.rf('POST', '/redfish/v1/Systems', { Name: 'later', NetworkInterfaces: { Members: [{ '@Redfish.RequestedCount': 1 }] } }, t.member, async);
  assert.equal(accepted.status, 202, accepted.text);
  assert.equal(accepted.text, '', 'no body: sushy would follow a Task body instead of the monitor');
  const monitor = accepted.headers.get('location')!;
  assert.match(monitor, /^\/redfish\/v1\/TaskService\/Tasks\/[^/]+\/Monitor$/);
  const created = await settle(monitor, t.member);
  assert.equal(created.status, 201, created.text);
  const system = created.headers.get('location')!;
  assert.equal(created.body['@odata.id'], system);
  assert.equal((await t.v1('GET', `/v1/nodes/${created.body.Id}`, undefined, t.member)).body.name, 'later');

  const task = await t.rf('GET', monitor.replace(/\/Monitor$/, ''), undefined, t.member);
  assert.deepEqual(missingRequired(task.body, REQUIRED_PROPERTIES.Task), []);
  assert.deepEqual([task.body.TaskState, task.body.PercentComplete, task.body.Links.CreatedResources], ['Completed', 100, [{ '@odata.id': system }]]);
  assertRedfishError(await t.rf('GET', monitor, undefined, t.otherMember), 404, 'Base.1.22.ResourceNotFound');
  assert.deepEqual((await t.rf('GET', '/redfish/v1/TaskService/Tasks', undefined, t.otherMember)).body.Members, []);

  const deleting = await t.rf('DELETE', system, undefined, t.member, async);
  assert.equal(deleting.status, 202, deleting.text);
  assert.equal((await settle(deleting.headers.get('location')!, t.member)).status, 204);
  assert.equal((await t.v1('GET', `/v1/nodes/${created.body.Id}`)).status, 404);
});

it('a task whose work is refused ends in Exception, and its monitor answers the Redfish error', async () => {
  const accepted = await t.rf('POST', '/redfish/v1/Systems', { Name: 'never', NetworkInterfaces: { Members: [{ '@Redfish.RequestedCount': 9 }] } }, t.member, async);
  assert.equal(accepted.status, 202, accepted.text);
  const monitor = accepted.headers.get('location')!;
  assertRedfishError(await settle(monitor, t.member), 409, 'Composition.1.1.NoResourceMatch');
  assert.equal((await t.rf('GET', monitor.replace(/\/Monitor$/, ''), undefined, t.member)).body.TaskState, 'Exception');
  assertRedfishError(await t.rf('DELETE', '/redfish/v1/Systems/nope', undefined, t.member, async), 404, 'Base.1.22.ResourceNotFound');
});
