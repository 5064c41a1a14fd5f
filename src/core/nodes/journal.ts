import { randomUUID } from 'node:crypto';
import type { OperationKind, OperationState } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/operations.js';
import type { OperationRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';

/**
 * What came of putting a device into the node's group (compose, attach), so that an undo reverses
 * only its own change: `planned` (not sent yet), `sent` (its answer may be lost: it may have
 * happened), `joined` (with the version the fabric gave it), `refused` (the EEM said no: nothing
 * to undo, and the device may well be someone else's now).
 */
export type JoinOutcome =
  | { readonly kind: 'planned' }
  | { readonly kind: 'sent' }
  | { readonly kind: 'joined'; readonly version: string }
  | { readonly kind: 'refused'; readonly why: string };

/** A device an operation moves, with the fabric version covalence last saw. */
export interface PlannedDevice {
  /** Null for a device the fabric showed in the node's group before sync ever saw it. */
  readonly uuid: string | null;
  /** The device's board id on the fabric (EEIO id). */
  readonly fabricId: string;
  readonly version: string;
  /** Compose and attach only; absent in journals written before it was recorded (taken as `sent`). */
  join?: JoinOutcome;
}

/**
 * What a journalled operation intends and how far it got. It is written before the first fabric
 * call and after each step that a recoverer could not find out on its own (the group a server was
 * given), so that a process killed at any await leaves enough to finish or undo the work.
 */
export interface OperationPlan {
  /** The node's server (EESV id). */
  readonly serverId: string;
  /** The node's group once known. */
  group: string | null;
  /**
   * The server's group is to be given back when the work is undone (compose, attach: set before
   * asking the fabric for a group, whose answer may be lost) or finished (decompose of a node
   * that covalence gave a group).
   */
  returnGroup: boolean;
  /** Devices moved into the group (compose, attach) or out of it (detach, decompose). */
  readonly devices: PlannedDevice[];
  /** The step under way, named in errors. */
  step: string;
}

export interface Operation {
  readonly id: string;
  readonly kind: OperationKind;
  readonly podmId: string;
  readonly nodeUuid: string;
  readonly plan: OperationPlan;
}

/** The operations journal: every fabric change is first written here. */
export class Journal {
  constructor(private readonly ctx: CoreContext) {}

  newId(): string {
    return randomUUID();
  }

  /** Inside the reservation transaction, so the intent and the holds commit together. */
  async begin(tx: Db, op: Operation): Promise<void> {
    const now = nowIso();
    await repo.insertOperation(tx, {
      id: op.id,
      kind: op.kind,
      podm_id: op.podmId,
      node_uuid: op.nodeUuid,
      state: 'running',
      plan: storedPlan(op.plan),
      error: null,
      holder: this.ctx.holder,
      lease_until: this.leaseUntil(),
      created_at: now,
      updated_at: now,
    });
  }

  /** Records progress and renews the lease. */
  async progress(op: Operation, tx: Db = this.ctx.store.db): Promise<void> {
    await repo.updateOperation(tx, op.id, { plan: storedPlan(op.plan), lease_until: this.leaseUntil(), updated_at: nowIso() });
  }

  async finish(tx: Db, op: Operation, state: Exclude<OperationState, 'running'>, error?: string): Promise<void> {
    await repo.updateOperation(tx, op.id, { state, plan: storedPlan(op.plan), error: error ?? null, updated_at: nowIso() });
  }

  /** Operations whose process died or whose undo could not finish, claimed for this process. */
  async claimOrphans(): Promise<Operation[]> {
    const { store, holder } = this.ctx;
    const claimed: Operation[] = [];
    for (const row of await repo.orphanedOperations(store.db, nowIso(), holder, store.singleWriter)) {
      if (await repo.claimOperation(store.db, row, holder, this.leaseUntil(), nowIso())) claimed.push(fromRow(row));
    }
    return claimed;
  }

  private leaseUntil(): string {
    return new Date(Date.now() + this.ctx.settings.leaseMs).toISOString();
  }
}

/** The failure recovery reports for an operation whose process died. */
export function interruption(op: Operation): Error {
  return new Error(`interrupted ${op.kind} (operation ${op.id}) at step '${op.plan.step}'`);
}

function fromRow(row: OperationRow): Operation {
  return { id: row.id, kind: row.kind, podmId: row.podm_id, nodeUuid: row.node_uuid, plan: planOf(row.plan) };
}

/**
 * The plan's JSON in the store keeps the keys of the journals already written (`server`, `eemId`),
 * so that an operation an older covalence left behind is still recovered.
 */
interface StoredPlan extends Omit<OperationPlan, 'serverId' | 'devices'> {
  server: string;
  devices: { uuid: string | null; eemId: string; version: string; join?: JoinOutcome }[];
}

function storedPlan({ serverId, devices, ...rest }: OperationPlan): string {
  const stored: StoredPlan = { ...rest, server: serverId, devices: devices.map(({ fabricId, ...d }) => ({ ...d, eemId: fabricId })) };
  return JSON.stringify(stored);
}

function planOf(text: string): OperationPlan {
  const { server, devices, ...rest } = JSON.parse(text) as StoredPlan;
  return { ...rest, serverId: server, devices: devices.map(({ eemId, ...d }) => ({ ...d, fabricId: eemId })) };
}
