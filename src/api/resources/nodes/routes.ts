import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CoreError, type Core } from '../../../core/index.js';
import { callerOf } from '../../access.js';
import { Confirmation, UuidParams, withErrors } from '../../schemas.js';
import { ActionBody, ComposeBody, ComposePlanView, ComposeQuery, ManageBody, NodeBrief, NodeListItem, NodeQuery, NodeRecord, NodeView, RegisterBody } from './schemas.js';
import { composePlanView, nodeBrief, nodeListItem, nodeRecordView, nodeView } from './view.js';

const tags = ['nodes'];

export const nodeRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/v1/nodes', {
    schema: { tags, summary: 'List composed nodes', querystring: NodeQuery, response: withErrors({ 200: Type.Array(NodeListItem) }) },
  }, async (req) => (await core.nodes.list(req.query, callerOf(req))).map(nodeListItem));

  app.post('/v1/nodes', {
    schema: {
      tags, summary: 'Compose a node from pooled devices (all or nothing); ?dry_run=true shows the plan',
      body: ComposeBody, querystring: ComposeQuery,
      response: withErrors({ 200: Type.Union([NodeBrief, ComposePlanView]) }),
    },
  }, async (req) => {
    const { name, description, podm_id, flavor_id, properties } = req.body;
    if (flavor_id !== undefined && properties !== undefined) {
      throw new CoreError('invalid', "Invalid input for field/attribute 'flavor_id'. Give either 'flavor_id' or 'properties', not both.");
    }
    const request = { name, description, podmId: podm_id, flavorId: flavor_id, properties, projectId: callerOf(req).project };
    if (req.query.dry_run === 'true') return composePlanView(await core.nodes.planCompose(request));
    return nodeBrief(await core.nodes.compose(request));
  });

  app.post('/v1/nodes/manage', {
    schema: { tags, summary: 'Adopt an existing server as a node', body: ManageBody, response: withErrors({ 200: NodeBrief }) },
  }, async (req) => nodeBrief(await core.nodes.manage(req.body.podm_id, req.body.node_index, callerOf(req).project)));

  app.get('/v1/nodes/:uuid', {
    schema: { tags, summary: 'Show a node, with its live server and its devices', params: UuidParams, response: withErrors({ 200: NodeView }) },
  }, async (req) => nodeView(await core.nodes.detail(req.params.uuid, callerOf(req))));

  app.delete('/v1/nodes/:uuid', {
    schema: { tags, summary: 'Decompose a node: detach every device, return its group, delete it', params: UuidParams, response: withErrors({ 200: Confirmation }) },
  }, async (req) => {
    await core.nodes.decompose(req.params.uuid, callerOf(req));
    return { request_id: req.id, code: 'DELETED', detail: `Composed node ${req.params.uuid} has been decomposed successfully.` };
  });

  app.post('/v1/nodes/:uuid/register', {
    schema: {
      tags, summary: 'Hand the node to Ironic: node, ports, provision state; a repeat answers the same registration',
      params: UuidParams, body: RegisterBody, response: withErrors({ 200: NodeRecord }),
    },
  }, async (req) => {
    const { driver_info, driver, mac, macs, resource_class, properties, traits, provision_state } = req.body;
    const { node, registration } = await core.nodes.register(req.params.uuid, {
      driver, driverInfo: driver_info, macs: [...new Set([...(mac ? [mac] : []), ...(macs ?? [])].map((m) => m.toLowerCase()))],
      resourceClass: resource_class, properties, traits, provisionState: provision_state,
    }, callerOf(req));
    return nodeRecordView(node, registration);
  });

  app.post('/v1/nodes/:uuid/deregister', {
    schema: { tags, summary: 'Remove the node from Ironic (refused while it is deployed or busy)', params: UuidParams, response: withErrors({ 200: NodeRecord }) },
  }, async (req) => nodeRecordView(await core.nodes.deregister(req.params.uuid, callerOf(req))));

  app.post('/v1/nodes/:uuid/action', {
    schema: {
      tags, summary: 'Attach or detach a device ({"attach": {"resource_id": <device uuid>}})', params: UuidParams, body: ActionBody,
      response: withErrors({ 204: Type.Null() }),
    },
  }, async (req, reply) => {
    await core.nodes.action(req.params.uuid, req.body, callerOf(req));
    return reply.code(204).send(null);
  });
};
