import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CoreError, type Caller, type Core } from '../../core/index.js';
import { callerOf } from '../access.js';
import { respond, send, type Answer } from './async-answer.js';
import { parseBlockId, serverBlockId } from './block-ids.js';
import { composeRequestOf, Ref, SystemRequest } from './compose-body.js';
import { BASE, COMPOSITION, RedfishError } from './errors.js';
import { etagMatches, withEtag } from './etag.js';
import { idIn, paths, route } from './odata.js';
import { systemView } from './system-view.js';
import { IdParams } from './params.js';

const hide = true;
// DSP0266 array PATCH: an element replaces, `null` removes, `{}` keeps the element at its index.
const PatchElement = Type.Union([Ref, Type.Object({}, { additionalProperties: false }), Type.Null()]);
const SystemPatch = Type.Object({
  Links: Type.Object({ ResourceBlocks: Type.Array(PatchElement, { maxItems: 64 }) }, { additionalProperties: false }),
}, { additionalProperties: false });

/**
 * Composition through Systems, on the same verbs as v1: POST composes (named blocks or counts),
 * PATCH of Links.ResourceBlocks attaches and detaches devices, DELETE decomposes. Each answers when
 * the fabric is done (a compose is a few EEM calls), or at once with a task monitor when the client
 * sends `Prefer: respond-async` (async-answer.ts).
 */
export const composeRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.post(route(paths.systems), { schema: { hide, body: SystemRequest } }, async (req, reply) => {
    const caller = callerOf(req);
    const request = await composeRequestOf(core, req.body, caller);
    return respond(core, req, reply, async () => {
      const node = await noMatchAsConflict(core.nodes.compose(request));
      req.createdUuid = node.uuid;
      const system = await systemAnswer(core, node.uuid, caller);
      return { ...system, status: 201, headers: { ...system.headers, location: paths.system(node.uuid) } };
    });
  });

  app.patch(route(paths.system(':id')), { schema: { hide, params: IdParams, body: SystemPatch } }, async (req, reply) => {
    const caller = callerOf(req);
    const current = withEtag(systemView(await core.nodes.detail(req.params.id, caller)));
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined && !etagMatches(ifMatch, current['@odata.etag'])) {
      throw new RedfishError(412, `${BASE}.PreconditionFailed`, `The ETag given does not match the system's current one (${current['@odata.etag']}).`);
    }
    const have = current.Links.ResourceBlocks.map((l) => l['@odata.id']);
    const want = arrayPatch(have, req.body.Links.ResourceBlocks);
    const server = paths.block(serverBlockId(current.Oem.Covalence.PodManager, current.Oem.Covalence.ServerId));
    if (!want.includes(server)) {
      throw new RedfishError(400, `${BASE}.PropertyValueIncorrect`, 'The Compute block is the system itself: it cannot be removed (DELETE the system to decompose it).', ['Links/ResourceBlocks'], ['/Links/ResourceBlocks']);
    }
    const deviceOf = (ref: string, i: number) => {
      const id = idIn(paths.blocks, ref);
      const block = id === undefined ? undefined : parseBlockId(id);
      if (block?.kind !== 'device') throw new RedfishError(400, `${COMPOSITION}.ResourceBlockNotFound`, `${ref} is not a device block.`, [ref], [`/Links/ResourceBlocks/${i}`]);
      return block.uuid;
    };
    // All of it or none: a step that fails reverses the ones done (core/nodes/reshape.ts).
    await core.nodes.reshape(req.params.id, {
      detach: have.filter((r) => r !== server && !want.includes(r)).map((ref) => deviceOf(ref, have.indexOf(ref))),
      attach: want.filter((r) => !have.includes(r)).map((ref) => deviceOf(ref, want.indexOf(ref))),
    }, caller);
    return send(reply, await systemAnswer(core, req.params.id, caller));
  });

  app.delete(route(paths.system(':id')), { schema: { hide, params: IdParams } }, async (req, reply) => {
    const caller = callerOf(req);
    await core.nodes.get(req.params.id, caller); // an unknown system is a 404 now, not a task's
    return respond(core, req, reply, async () => {
      await core.nodes.decompose(req.params.id, caller);
      return { status: 204 };
    });
  });
};

/** The system as GET answers it, with its ETag. */
async function systemAnswer(core: Core, uuid: string, caller: Caller): Promise<Answer> {
  const body = withEtag(systemView(await core.nodes.detail(uuid, caller)));
  return { status: 200, headers: { etag: body['@odata.etag'] }, body };
}

/** The blocks after a DSP0266 array PATCH of `have`. */
function arrayPatch(have: string[], sent: Array<{ '@odata.id': string } | Record<string, never> | null>): string[] {
  return sent.flatMap((element, i) => {
    if (element === null) return [];
    if ('@odata.id' in element) return [element['@odata.id'].replace(/\/+$/, '')];
    if (i >= have.length) throw new RedfishError(400, `${BASE}.PropertyValueIncorrect`, `Element ${i} is {} but the system has no block at that index to keep.`, ['Links/ResourceBlocks'], [`/Links/ResourceBlocks/${i}`]);
    return [have[i]!];
  });
}

/** Compose finding nothing that fits is Redfish's NoResourceMatch, a conflict with the pool as it is. */
export async function noMatchAsConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof CoreError && err.kind === 'not_found' && err.code === '40400') {
      throw new RedfishError(409, `${COMPOSITION}.NoResourceMatch`, err.message, ['ResourceBlock']);
    }
    throw err;
  }
}
