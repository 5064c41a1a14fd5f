// The EEM REST API (eem-api.md), served under the base path. Every call is counted and may meet
// an injected fault before it reaches its handler.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type OnOff, type Role } from './device.js';
import { EemError } from './errors.js';
import type { DeviceFilter } from './fabric.js';
import type { SimState } from './sim-state.js';

/** What `GET api_version` reports (assumed: no public source gives a real EEM's value). */
const EEM_API_VERSION = '1.0';

type Id = { Params: { id: string } };

export function eemRoutes(state: SimState, base: string) {
  return async (app: FastifyInstance): Promise<void> => {
    const { fabric } = state;

    app.addHook('onRequest', async (request, reply) => {
      const template = request.routeOptions.url!.slice(base.length + 1).replace(/:(\w+)/g, '{$1}');
      state.stats.record(request.method, template);
      const path = request.url.split('?')[0]!.slice(base.length + 1);
      const fault = state.faults.hit(request.method, path);
      if (!fault) return;
      if (fault.latency_ms > 0) await sleep(fault.latency_ms);
      if (fault.kind === 'drop') {
        reply.hijack();
        request.raw.socket.destroy();
      } else if (fault.kind === 'answer') {
        return reply.code(fault.status).type(fault.contentType).send(fault.body);
      }
    });

    app.get('/api_version', async () => ({ version_number: EEM_API_VERSION, timestamp: now() }));

    app.get('/devices', async (request, reply) =>
      sendJson(reply, `{"devices":${fabric.listJson(filterOf(request), false)},"timestamp":"${now()}"}`),
    );
    app.get('/devices/detail', async (request, reply) =>
      sendJson(reply, `{"devices":${fabric.listJson(filterOf(request), true)},"timestamp":"${now()}"}`),
    );
    app.get<Id>('/devices/:id', async (request, reply) =>
      sendJson(reply, `{"device":${fabric.deviceJson(request.params.id)},"timestamp":"${now()}"}`),
    );

    app.put<Id>('/devices/:id/group_id', async (request) => {
      const body = objectBody(request, 'groupIdMissing', 'a JSON object with group_id');
      const gid = body['group_id'];
      if (!(typeof gid === 'string' || gid === null)) {
        throw new EemError('groupIdMissing', 'group_id must be given, as a string or null');
      }
      return { ...fabric.setGroup(request.params.id, gid, updateTimeOf(body['update_time'])), timestamp: now() };
    });
    app.delete<Id & { Querystring: Record<string, unknown> }>('/devices/:id/group_id', async (request) => {
      const change = fabric.deleteGroup(request.params.id, updateTimeOf(request.query['update_time']));
      return { ...change, timestamp: now() };
    });

    app.get<Id>('/devices/:id/uid_led_status', async (request) => ({
      uid_led_status: fabric.led(request.params.id),
      timestamp: now(),
    }));
    app.put<Id>('/devices/:id/uid_led_status', async (request) => {
      const led = objectBody(request, 'ledMalformed', 'a JSON object with uid_led_status')['uid_led_status'];
      if (led !== 'on' && led !== 'off') throw new EemError('ledMalformed', 'uid_led_status must be "on" or "off"');
      return { ...fabric.setLed(request.params.id, led satisfies OnOff), timestamp: now() };
    });

    app.put<Id>('/devices/:id/audit', async (request) => ({ update_time: fabric.audit(request.params.id), timestamp: now() }));
  };
}

/** Timestamps are milliseconds since the epoch, as strings. */
function now(): string {
  return String(Date.now());
}

/** Large listings are built from cached per-device JSON, so they go out as text. */
function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

function objectBody(request: FastifyRequest, kind: 'groupIdMissing' | 'ledMalformed', what: string): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new EemError(kind, `The body must be ${what}`);
  }
  return body as Record<string, unknown>;
}

function updateTimeOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    throw new EemError('updateTimeMalformed', `update_time must be a string of digits, not ${JSON.stringify(value)}`);
  }
  return value;
}

function filterOf(request: FastifyRequest): DeviceFilter {
  const { status, group_id } = request.query as Record<string, unknown>;
  if (status !== undefined && !ROLES.includes(status as Role)) {
    throw new EemError('filterMalformed', `status must be one of ${ROLES.join(', ')}, not ${JSON.stringify(status)}`);
  }
  if (group_id !== undefined && typeof group_id !== 'string') {
    throw new EemError('filterMalformed', 'group_id must be given once');
  }
  return { status: status as Role | undefined, group_id };
}
