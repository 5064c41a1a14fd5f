import type { CompositionReservation, StanzaPlan } from '../../core/index.js';
import { serverBlockId } from './block-ids.js';
import { link, paths, resource } from './odata.js';

/** The blocks a stanza was given, as links. */
export const planBlocks = (p: StanzaPlan) => [serverBlockId(p.podmId, p.serverId), ...p.deviceUuids].map((id) => link(paths.block(id)));

/** What a previewed or reserved stanza would compose: the system's name and the blocks chosen for it. */
export function plannedSystem(p: StanzaPlan) {
  return { Name: p.name, ...(p.description !== '' && { Description: p.description }), SystemType: 'Composed', Links: { ResourceBlocks: planBlocks(p) } };
}

export function plannedStanza(p: StanzaPlan) {
  return { StanzaType: 'ComposeSystem', StanzaId: p.stanzaId, Request: { Name: p.name, Links: { ResourceBlocks: planBlocks(p) } }, Response: plannedSystem(p) };
}

/** A CompositionReservation (v1_0_2): who reserved what, until when (`Oem.Covalence.ExpiresAt`). */
export function reservationView(r: CompositionReservation) {
  return {
    ...resource('CompositionReservation', paths.reservation(r.id), r.id, `Reservation of ${r.client}`),
    ReservationTime: r.createdAt,
    Client: r.client,
    ReservedResourceBlocks: r.stanzas.flatMap(planBlocks),
    Manifest: { Expand: 'None', Stanzas: r.stanzas.map(plannedStanza) },
    Oem: { Covalence: { ExpiresAt: r.expiresAt, Project: r.projectId } },
  };
}
