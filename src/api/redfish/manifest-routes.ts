import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Caller, Core, ManifestStanza } from '../../core/index.js';
import { callerOf } from '../access.js';
import { composeRequestOf } from './compose-body.js';
import { noMatchAsConflict } from './compose-routes.js';
import { BASE, COMPOSITION, RedfishError } from './errors.js';
import { ComposeAction } from './manifest-body.js';
import { collection, paths, route } from './odata.js';
import { plannedStanza, reservationView } from './reservation-view.js';
import { systemView } from './system-view.js';
import { IdParams } from './params.js';

const hide = true;

/**
 * `#CompositionService.Compose` and the reservations it makes. The whole manifest is one engine
 * call: a preview changes nothing, a reservation holds every stanza's blocks or none, an apply
 * composes every stanza or leaves none composed (the schema's rule).
 */
export const manifestRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.post(route(paths.composeAction), { schema: { hide, body: ComposeAction } }, async (req) => {
    const caller = callerOf(req);
    const { RequestType, ReservationId, Manifest } = req.body;
    const answer = { RequestFormat: 'Manifest' as const, RequestType };
    if (RequestType === 'Apply' && ReservationId !== undefined) {
      const reserved = await core.manifests.get(ReservationId, caller);
      const sent = Manifest?.Stanzas.map((s) => s.StanzaId);
      if (sent !== undefined && sent.join('\n') !== reserved.stanzas.map((s) => s.stanzaId).join('\n')) {
        throw new RedfishError(400, `${BASE}.ActionParameterValueConflict`, `The manifest differs from the one reservation ${ReservationId} holds; send it unchanged, or none.`, ['Manifest', 'ReservationId'], ['/Manifest']);
      }
      const done = await core.manifests.applyReservation(ReservationId, caller);
      req.createdUuid = done[0]?.node.uuid ?? null;
      return { ...answer, ReservationId, Manifest: { Stanzas: await appliedStanzas(core, done, caller) } };
    }
    if (ReservationId !== undefined) throw new RedfishError(400, `${BASE}.ActionParameterNotSupported`, 'ReservationId goes with RequestType Apply only.', ['ReservationId', 'CompositionService.Compose'], ['/ReservationId']);
    if (Manifest === undefined || Manifest.Stanzas.length === 0) throw new RedfishError(400, `${COMPOSITION}.EmptyManifest`, 'The manifest has no stanza to compose.', [], ['/Manifest/Stanzas']);
    const stanzas: ManifestStanza[] = [];
    for (const [i, s] of Manifest.Stanzas.entries()) {
      stanzas.push({ stanzaId: s.StanzaId, request: await composeRequestOf(core, s.Request, caller, `/Manifest/Stanzas/${i}/Request`) });
    }
    switch (RequestType) {
      case 'Preview':
        return { ...answer, Manifest: { Stanzas: (await noMatchAsConflict(core.manifests.preview(stanzas))).map(plannedStanza) } };
      case 'PreviewReserve': {
        const reservation = await noMatchAsConflict(core.manifests.reserve(stanzas, caller));
        req.createdUuid = reservation.id;
        return { ...answer, ReservationId: reservation.id, Manifest: { Stanzas: reservation.stanzas.map(plannedStanza) } };
      }
      case 'Apply': {
        const done = await noMatchAsConflict(core.manifests.apply(stanzas, caller));
        req.createdUuid = done[0]?.node.uuid ?? null;
        return { ...answer, Manifest: { Stanzas: await appliedStanzas(core, done, caller) } };
      }
    }
  });

  app.get(route(paths.reservations), { schema: { hide } }, async (req) => {
    const all = await core.manifests.list(callerOf(req));
    return collection('CompositionReservationCollection', paths.reservations, 'Composition reservations', all.map((r) => paths.reservation(r.id)));
  });

  app.get(route(paths.reservation(':id')), { schema: { hide, params: IdParams } }, async (req) => reservationView(await core.manifests.get(req.params.id, callerOf(req))));

  app.delete(route(paths.reservation(':id')), { schema: { hide, params: IdParams } }, async (req, reply) => {
    await core.manifests.release(req.params.id, callerOf(req));
    return reply.code(204).send();
  });
};

async function appliedStanzas(core: Core, done: Array<{ stanzaId: string; node: { uuid: string } }>, caller: Caller) {
  return Promise.all(done.map(async ({ stanzaId, node }) => ({
    StanzaType: 'ComposeSystem', StanzaId: stanzaId, Response: systemView(await core.nodes.detail(node.uuid, caller)),
  })));
}
