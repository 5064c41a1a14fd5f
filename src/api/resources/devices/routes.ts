import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core/index.js';
import { UuidParams, withErrors } from '../../schemas.js';
import { DeviceBrief, DeviceQuery, DeviceUpdate, DeviceView, LocateBody, SyncReportView, SyncRequest } from './schemas.js';
import { deviceBrief, deviceView, syncReportView } from './view.js';

const tags = ['devices'];

export const deviceRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/v1/devices', {
    schema: { tags, summary: 'List pooled devices (exact-match filters)', querystring: DeviceQuery, response: withErrors({ 200: Type.Array(DeviceBrief) }) },
  }, async (req) => (await core.devices.list(req.query)).map(deviceBrief));

  app.get('/v1/devices/:uuid', {
    schema: { tags, summary: 'Show a device', params: UuidParams, response: withErrors({ 200: DeviceView }) },
  }, async (req) => deviceView(await core.devices.get(req.params.uuid)));

  app.patch('/v1/devices/:uuid', {
    schema: {
      tags, summary: 'Put a device in maintenance or take it out; set its type where the fabric reports none',
      params: UuidParams, body: DeviceUpdate, response: withErrors({ 200: DeviceView }),
    },
  }, async (req) => {
    const { maintenance, maintenance_reason: maintenanceReason, type } = req.body;
    return deviceView(await core.devices.update(req.params.uuid, { maintenance, maintenanceReason, type }));
  });

  app.post('/v1/devices/:uuid/action', {
    schema: {
      tags, summary: 'Light or put out the locate LED of the device\'s board ({"locate": {"on": true}})',
      params: UuidParams, body: LocateBody, response: withErrors({ 204: Type.Null() }),
    },
  }, async (req, reply) => {
    await core.devices.locate(req.params.uuid, req.body.locate.on);
    return reply.code(204).send(null);
  });

  app.post('/v1/devices/:uuid/release', {
    schema: {
      tags, summary: 'Return an orphaned device (left in a group no server is in) to the pool',
      params: UuidParams, response: withErrors({ 200: DeviceView }),
    },
  }, async (req) => deviceView(await core.devices.release(req.params.uuid)));

  app.post('/v1/devices/sync', {
    schema: {
      tags, summary: 'Sync the pool with the fabric, for one pod manager or all',
      body: SyncRequest, response: withErrors({ 200: Type.Array(SyncReportView) }),
    },
  }, async (req) => {
    const podmId = req.body?.podm_id;
    const reports = podmId === undefined ? await core.sync.all() : [await core.sync.one((await core.podManagers.get(podmId)).uuid)];
    return reports.map(syncReportView);
  });
};
