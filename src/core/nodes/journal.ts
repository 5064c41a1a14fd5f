import { randomUUID } from 'node:crypto';
import type { OperationKind } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/operations.js';
import { releaseDevices } from '../../store/devices.js';
import { releaseNodeHold, setStateReason } from '../../store/nodes.js';
import type { OperationRow, PodManagerRow } from '../../store/schema.js';
import { FabricError, type PodManagerDriver } from '../../drivers/index.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { boundedDriver } from '../pool/bounded-driver.js';
import { Heartbeats } from './heartbeats.js';

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
  /** Refreshed when the fabric bumped it for a change that does not matter (fabric-moves.ts). */
  version: string;
  /** Compose and attach only; absent in journals written before it was recorded (taken as `sent`). */
  join?: JoinOutcome;
  /**
   * Detach and decompose: where the store last saw the device at `version`. The EEM gives a board
   * a new version with any change to it, so while the version stands, so does this.
   */
  readonly seen?: { readonly groupId: string; readonly online: boolean };
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

/** What is pending while an operation is `stuck`, as a node's `state_reason` starts. */
const PENDING = {
  compose: 'undo of compose',
  attach: 'undo of attach',
  detach: 'detach',
  decompose: 'decompose',
  register: 'release after register',
  deregister: 'release after deregister',
} as const satisfies Record<OperationKind, string>;
/** Matches every reason the journal writes, so clearing one never erases a reason sync gave. */
const PENDING_LIKE = '% pending since %';

/** The commit of an operation that another process took over after its lease ran out. */
export class LeaseLost extends CoreError {
  constructor(op: Operation) {
    super('conflict', `${op.kind} of node ${op.nodeUuid} (operation ${op.id}) was taken over by another covalence process after its lease ran out; that process finishes or undoes it.`);
  }
}

/**
 * The operations journal: every fabric change is first written here. While this process works on
 * an operation its lease is renewed (heartbeats.ts), and every write is conditional on still
 * holding it, so an operation has one worker at a time.
 */
export class Journal {
  private readonly beats: Heartbeats;
  /** By when each operation's fabric work must be over, kept with the operation this process works on. */
  private readonly deadlines = new WeakMap<Operation, number>();

  constructor(private readonly ctx: CoreContext) {
    this.beats = new Heartbeats(ctx.settings.leaseMs / 3, ctx.settings.leaseMs, (id) => this.renew(id), ctx.log);
  }

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
    // Should the transaction roll back, the first beat finds no operation and stops. The deadline
    // bounds how long the caller waits; an undo left over is finished in the background.
    this.beats.start(op.id);
    this.deadlines.set(op, Date.now() + this.ctx.settings.operationTimeoutMs);
  }

  /**
   * The pod manager's driver as this operation may use it: no call starts past its deadline, nor
   * once its heartbeat found it taken over by another process.
   */
  driver(op: Operation, podm: PodManagerRow): PodManagerDriver {
    return boundedDriver(this.ctx.drivers.get(podm), {
      mayCall: (call) => {
        if (this.beats.wasTaken(op.id)) throw new LeaseLost(op);
        if (Date.now() >= (this.deadlines.get(op) ?? 0)) throw new FabricError('timeout', call, `${op.kind} of node ${op.nodeUuid} ran past its deadline (--operation-timeout)`);
      },
      calling: (delta) => this.beats.calling(op.id, delta),
    });
  }

  /** Records progress; throws LeaseLost when the operation is no longer this process's. */
  async progress(op: Operation, tx: Db = this.ctx.store.db): Promise<void> {
    const patch = { plan: storedPlan(op.plan), lease_until: this.leaseUntil(), updated_at: nowIso() };
    if (!(await repo.updateHeldOperation(tx, op.id, this.ctx.holder, ['running'], patch))) throw new LeaseLost(op);
  }

  /**
   * Settles the operation, inside the transaction that commits its result; throws LeaseLost (which
   * rolls that transaction back) when another process holds it now. The heartbeat stops here: should
   * the transaction roll back and the caller give up (the database went away), its lease runs out
   * and recovery takes the operation over; an undo that follows may still call the fabric.
   */
  async finish(tx: Db, op: Operation, state: 'done' | 'failed', error?: string): Promise<void> {
    this.beats.stop(op.id);
    const patch = { state, plan: storedPlan(op.plan), error: error ?? null, next_attempt_at: null, updated_at: nowIso() };
    if (!(await repo.updateHeldOperation(tx, op.id, this.ctx.holder, ['running'], patch))) throw new LeaseLost(op);
    await setStateReason(tx, op.nodeUuid, null, PENDING_LIKE);
  }

  /**
   * The operation could not finish (its undo failed): it stays `stuck` with its holds and is tried
   * again after a delay that doubles with each attempt; its node says what is pending. A no-op when
   * it is already stuck or another process holds it.
   */
  async stall(op: Operation, why: string): Promise<void> {
    this.beats.stop(op.id);
    const { store, holder, settings } = this.ctx;
    const row = await repo.findOperation(store.db, op.id);
    if (!row) return;
    const attempts = row.attempts + 1;
    const delay = Math.min(settings.undoRetryBaseMs * 2 ** (attempts - 1), settings.undoRetryCapMs);
    const next = new Date(Date.now() + delay).toISOString();
    await store.transaction(async (tx) => {
      const patch = { state: 'stuck' as const, plan: storedPlan(op.plan), error: why, attempts, next_attempt_at: next, lease_until: next, updated_at: nowIso() };
      if (!(await repo.updateHeldOperation(tx, op.id, holder, ['running'], patch))) return;
      const reason = `${PENDING[op.kind]} pending since ${row.created_at}: ${why}; attempt ${attempts}, next in ${Math.ceil(delay / 1000)} s`;
      await setStateReason(tx, op.nodeUuid, reason);
    });
  }

  /** An operation that can never finish (its pod manager is gone): its holds are let go. */
  async abandon(op: Operation, why: string): Promise<void> {
    await this.ctx.store.transaction(async (tx) => {
      await releaseDevices(tx, op.id);
      await releaseNodeHold(tx, op.id);
      await this.finish(tx, op, 'failed', why);
    });
  }

  /** Operations whose process died or whose next attempt is due, claimed for this process. */
  async claimOrphans(): Promise<Operation[]> {
    const { store, holder } = this.ctx;
    const claimed: Operation[] = [];
    for (const row of await repo.orphanedOperations(store.db, nowIso(), holder, store.singleWriter)) {
      // One this process is still working on is live, whatever the row says.
      if (this.beats.isBeating(row.id)) continue;
      if (!(await repo.claimOperation(store.db, row, holder, this.leaseUntil(), nowIso()))) continue;
      this.beats.start(row.id);
      const op = fromRow(row);
      // Nobody waits on a recovery: each call's timeout bounds it, so a slow EEM still lets it finish.
      this.deadlines.set(op, Infinity);
      claimed.push(op);
    }
    return claimed;
  }

  /** Stops renewing leases: what this process leaves unfinished is taken over once they run out. */
  close(): void {
    this.beats.stopAll();
  }

  private renew(opId: string): Promise<boolean> {
    return repo.updateHeldOperation(this.ctx.store.db, opId, this.ctx.holder, ['running'], { lease_until: this.leaseUntil(), updated_at: nowIso() });
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
