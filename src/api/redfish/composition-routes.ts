import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/index.js';
import { callerOf } from '../access.js';
import { BlockIndex } from './block-index.js';
import { blockView } from './block-view.js';
import { notFound } from './not-found.js';
import { collection, link, paths, resource, route, status } from './odata.js';
import { REQUEST_TYPES } from './manifest-body.js';
import { IdParams } from './params.js';
import { zoneView } from './zone-view.js';

const hide = true;

/** The CompositionService and what it composes from: resource blocks and the zones they are in. */
export const compositionRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const blocks = new BlockIndex(core);
  app.get(route(paths.compositionService), { schema: { hide } }, async () => ({
    ...resource('CompositionService', paths.compositionService, 'CompositionService', 'Composition Service'),
    Description: 'Composes systems from ExpEther server and IO boards, all or nothing, with the engine of the v1 API.',
    ServiceEnabled: true,
    Status: status('Enabled', 'OK'),
    AllowOverprovisioning: false,
    AllowZoneAffinity: true,
    ResourceBlocks: link(paths.blocks),
    ResourceZones: link(paths.zones),
    ReservationDuration: `PT${Math.round(core.manifests.reservationMs / 1000)}S`,
    CompositionReservations: link(paths.reservations),
    Actions: { '#CompositionService.Compose': { target: paths.composeAction, 'RequestFormat@Redfish.AllowableValues': ['Manifest'], 'RequestType@Redfish.AllowableValues': [...REQUEST_TYPES] } },
  }));

  app.get(route(paths.blocks), { schema: { hide } }, async (req) => {
    const { all } = await blocks.of(callerOf(req));
    return collection('ResourceBlockCollection', paths.blocks, 'Resource blocks', all.map((b) => paths.block(b.id)));
  });

  app.get(route(paths.block(':id')), { schema: { hide, params: IdParams } }, async (req) => {
    const block = (await blocks.of(callerOf(req))).byId.get(req.params.id);
    if (!block) throw notFound('ResourceBlock', req.params.id);
    const reserved = (await core.manifests.reservedBlocks()).some((r) => r.podmId === block.podmId && r.fabricId === block.fabricId);
    return blockView(block, reserved);
  });

  app.get(route(paths.zones), { schema: { hide } }, async () => {
    const podms = await core.podManagers.list();
    return collection('ZoneCollection', paths.zones, 'Resource zones', podms.map((p) => paths.zone(p.uuid)));
  });

  app.get(route(paths.zone(':id')), { schema: { hide, params: IdParams } }, async (req) => {
    const podm = (await core.podManagers.list()).find((p) => p.uuid === req.params.id);
    if (!podm) throw notFound('Zone', req.params.id);
    return zoneView(podm, (await blocks.of(callerOf(req))).all);
  });
};
