import { randomUUID } from 'node:crypto';
import { nowIso } from '../../shared/time.js';
import * as repo from '../../store/composition-reservations.js';
import { isUniqueViolation, type Db } from '../../store/database.js';
import type { CompositionReservationRow } from '../../store/schema.js';
import { canSee, projectScope, type Caller } from '../access/caller.js';
import type { CoreContext } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import type { Compose, ComposeRequest } from './compose.js';
import type { Choice } from './compose-plan.js';
import type { Node } from './node.js';
import type { Nodes } from './nodes.js';
import { retryWhileHeld } from './reservation.js';

/** One composition of a manifest (Redfish's ComposeSystem stanza), named by the client. */
export interface ManifestStanza {
  readonly stanzaId: string;
  readonly request: ComposeRequest;
}

/** The blocks a stanza was given: what a preview shows and a reservation holds. */
export interface StanzaPlan {
  readonly stanzaId: string;
  readonly name: string;
  readonly description: string;
  readonly podmId: string;
  readonly serverId: string;
  readonly deviceUuids: string[];
}

export interface CompositionReservation {
  readonly id: string;
  readonly projectId: string;
  readonly client: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly stanzas: StanzaPlan[];
}

/** Thrown inside a preview's transaction to roll back what it chose. */
class PreviewDone extends Error {
  constructor(readonly plans: StanzaPlan[]) {
    super('preview');
  }
}

/**
 * Manifests of compositions (Redfish's `CompositionService.Compose`), all or nothing: a preview
 * chooses every stanza's blocks as compose would (disjoint, in one transaction) and rolls back; a
 * reservation keeps them held in the store, where every replica sees the hold, until it is applied,
 * deleted or expires by itself (`reservationMs`): compose never chooses a held block for anyone
 * else; applying composes each stanza on its held blocks, and undoes the ones done if one fails.
 */
export class Manifests {
  constructor(
    private readonly ctx: CoreContext,
    private readonly compose: Compose,
    private readonly nodes: Nodes,
  ) {}

  /** How long a reservation holds its blocks (`--redfish-reservation`). */
  get reservationMs(): number {
    return this.ctx.settings.reservationMs;
  }

  async preview(stanzas: ManifestStanza[]): Promise<StanzaPlan[]> {
    try {
      await this.choose(stanzas, async (_tx, plans) => {
        throw new PreviewDone(plans);
      });
    } catch (err) {
      if (err instanceof PreviewDone) return err.plans;
      throw err;
    }
    throw new Error('a preview ends by rolling back');
  }

  async reserve(stanzas: ManifestStanza[], caller: Caller): Promise<CompositionReservation> {
    return this.choose(stanzas, async (tx, plans, row) => {
      await repo.setReservationManifest(tx, row.id, JSON.stringify(plans));
      this.ctx.log.info({ reservation: row.id, stanzas: plans.length, expires_at: row.expires_at }, 'composition reserved');
      return toReservation({ ...row, manifest: JSON.stringify(plans) });
    }, caller);
  }

  /** Composes every stanza (on a reservation's blocks when one is given); none stays if one fails. */
  async apply(stanzas: ManifestStanza[], caller: Caller): Promise<Array<{ stanzaId: string; node: Node }>> {
    const done: Array<{ stanzaId: string; node: Node }> = [];
    try {
      for (const s of stanzas) done.push({ stanzaId: s.stanzaId, node: await this.nodes.compose(s.request) });
    } catch (err) {
      for (const { node } of done.reverse()) await this.nodes.decompose(node.uuid, caller);
      throw err;
    }
    return done;
  }

  async applyReservation(id: string, caller: Caller): Promise<Array<{ stanzaId: string; node: Node }>> {
    const reservation = await this.get(id, caller);
    const stanzas = reservation.stanzas.map((p): ManifestStanza => ({
      stanzaId: p.stanzaId,
      request: {
        name: p.name, description: p.description, podmId: p.podmId, projectId: reservation.projectId, reservationId: id,
        blocks: { serverId: p.serverId, deviceUuids: p.deviceUuids },
      },
    }));
    const done = await this.apply(stanzas, caller);
    await repo.deleteReservation(this.ctx.store.db, id);
    return done;
  }

  async list(caller: Caller): Promise<CompositionReservation[]> {
    return (await repo.listReservations(this.ctx.store.db, nowIso(), projectScope(caller))).map(toReservation);
  }

  async get(id: string, caller: Caller): Promise<CompositionReservation> {
    const row = await repo.findReservation(this.ctx.store.db, id, nowIso());
    if (!row || !canSee(caller, { projectId: row.project })) throw notFound(`Composition reservation '${id}'`);
    return toReservation(row);
  }

  async release(id: string, caller: Caller): Promise<void> {
    await this.get(id, caller);
    await repo.deleteReservation(this.ctx.store.db, id);
  }

  /** Every fabric id (by pod manager) an unexpired reservation holds now. */
  async reservedBlocks(): Promise<Array<{ podmId: string; fabricId: string; reservationId: string }>> {
    return (await repo.allReservedBlocks(this.ctx.store.db, nowIso())).map((b) => ({ podmId: b.podm_id, fabricId: b.eem_id, reservationId: b.reservation_id }));
  }

  /** In one transaction: a reservation row, then each stanza's choice held in turn, so stanzas never share a block. */
  private async choose<T>(
    stanzas: ManifestStanza[],
    finish: (tx: Db, plans: StanzaPlan[], row: CompositionReservationRow) => Promise<T>,
    caller?: Caller,
  ): Promise<T> {
    if (stanzas.length === 0) throw new CoreError('invalid', 'The manifest has no stanza to compose.');
    const choosers: Array<(tx: Db) => Promise<Choice>> = [];
    for (const s of stanzas) choosers.push(await this.compose.chooser(s.request));
    try {
      return await retryWhileHeld(this.ctx, async (tx) => {
        const now = nowIso();
        await repo.purgeExpiredReservations(tx, now);
        const row: CompositionReservationRow = {
          id: randomUUID(), project: caller?.project ?? '', client: caller?.userName ?? '', manifest: '[]',
          created_at: now, expires_at: new Date(Date.now() + this.ctx.settings.reservationMs).toISOString(),
        };
        await repo.insertReservation(tx, row);
        const plans: StanzaPlan[] = [];
        for (const [i, choose] of choosers.entries()) {
          const choice = await choose(tx);
          await repo.reserveBlocks(tx, row, choice.podm.uuid, [choice.serverId, ...choice.devices.map((d) => d.fabricId)]);
          const { request } = stanzas[i]!;
          plans.push({
            stanzaId: stanzas[i]!.stanzaId, name: request.name, description: request.description ?? '', podmId: choice.podm.uuid,
            serverId: choice.serverId, deviceUuids: choice.devices.map((d) => d.uuid),
          });
        }
        return finish(tx, plans, row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new CoreError('conflict', 'A chosen block was just reserved by another request; try again.');
      throw err;
    }
  }
}

function toReservation(row: CompositionReservationRow): CompositionReservation {
  return {
    id: row.id, projectId: row.project, client: row.client, createdAt: row.created_at, expiresAt: row.expires_at,
    stanzas: JSON.parse(row.manifest) as StanzaPlan[],
  };
}
