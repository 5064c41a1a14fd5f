// The control API under /_sim: what tests, demos and benchmarks script to change the fabric out
// of band, inject faults, read call counts and start over. Never counted, never faulted.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { FIELD_SCHEMAS } from './device.js';
import type { BoardPatch } from './fabric.js';
import type { SimState } from './sim-state.js';
import { validate } from './validate.js';

/** The prefix of the control API, beside (never under) the EEM base path. */
export const CONTROL_PREFIX = '/_sim';

const PatchSchema = Type.Object(
  {
    notification_status0: Type.Optional(FIELD_SCHEMAS.notification_status0),
    power_status: Type.Optional(FIELD_SCHEMAS.power_status),
    admin_status: Type.Optional(FIELD_SCHEMAS.admin_status),
    group_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { additionalProperties: false },
);

type Id = { Params: { id: string } };

export function controlRoutes(state: SimState) {
  return async (app: FastifyInstance): Promise<void> => {
    const { fabric, faults, stats } = state;

    app.post('/devices', async (request, reply) => reply.code(201).send({ device: state.plug(request.body) }));
    app.delete<Id>('/devices/:id', async (request) => ({ device: fabric.unplug(request.params.id) }));
    app.patch<Id>('/devices/:id', async (request) => {
      const patch: BoardPatch = validate(PatchSchema, request.body ?? {}, 'patchInvalid', 'body');
      return { device: fabric.patch(request.params.id, patch) };
    });

    app.post('/faults', async (request, reply) => reply.code(201).send({ id: faults.add(request.body) }));
    app.get('/faults', async () => ({ faults: faults.list() }));
    app.delete('/faults', async () => ({ removed: faults.clear() }));
    app.delete<Id>('/faults/:id', async (request) => {
      faults.remove(request.params.id);
      return { removed: 1 };
    });

    app.get('/stats', async () => stats.snapshot());
    app.delete('/stats', async () => {
      stats.clear();
      return stats.snapshot();
    });

    app.post('/reset', async () => {
      state.reset();
      return { servers: fabric.count({ status: 'eesv' }), devices: fabric.count({ status: 'eeio' }) };
    });
  };
}
