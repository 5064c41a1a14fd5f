import type { FabricServer } from '../../drivers/index.js';
import { listPodManagers } from '../../store/pod-managers.js';
import type { PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import { locateBoard } from './locate.js';
import { podManagerRow, type PodManagers } from './pod-managers.js';

export type System = FabricServer & { podmId: string };

/** The servers that could be read, and the names of the pod managers that could not. */
export interface SystemListing {
  systems: System[];
  unreachable: string[];
}

/** Servers, read live from the fabric on every request (never stored as systems). */
export class Systems {
  constructor(private readonly ctx: CoreContext, private readonly podManagers: PodManagers) {}

  /**
   * One pod manager's servers, or every pod manager's when none is named. Across all of them, one
   * that cannot be read does not hide the others: it is named in `unreachable` (and logged), and
   * the listing fails only when none answered. A named pod manager's failure is the answer.
   */
  async list(podmId?: string): Promise<SystemListing> {
    if (podmId !== undefined) return { systems: await this.listOne(await this.podManagers.row(podmId)), unreachable: [] };
    const podms = await listPodManagers(this.ctx.store.db);
    const results = await Promise.allSettled(podms.map((podm) => this.listOne(podm)));
    const systems: System[] = [];
    const failures: Array<{ name: string; error: CoreError }> = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') systems.push(...r.value);
      else if (r.reason instanceof CoreError && r.reason.kind.startsWith('fabric_')) failures.push({ name: podms[i]!.name, error: r.reason });
      else throw r.reason;
    });
    if (failures.length > 0 && failures.length === podms.length) {
      throw new CoreError('fabric_unavailable', `No pod manager answered: ${failures.map((f) => f.error.message).join('; ')}`);
    }
    for (const f of failures) this.ctx.log.warn({ podm: f.name, err: f.error.message }, 'servers of an unreachable pod manager left out of a listing');
    return { systems, unreachable: failures.map((f) => f.name) };
  }

  private async listOne(podm: PodManagerRow): Promise<System[]> {
    try {
      return (await this.ctx.drivers.get(podm).servers()).map((s) => ({ ...s, podmId: podm.uuid }));
    } catch (err) {
      throw fabricFailure(err, podm, 'listing servers');
    }
  }

  /** Without a pod manager, the id is looked up on each in turn. */
  async get(id: string, podmId?: string): Promise<System> {
    let missing: unknown = notFound(`System ${id}`);
    for (const podm of await this.podmsFor(podmId)) {
      try {
        return { ...(await this.ctx.drivers.get(podm).server(id)), podmId: podm.uuid };
      } catch (err) {
        missing = fabricFailure(err, podm, `reading system ${id}`);
        if (!(missing instanceof CoreError && missing.kind === 'not_found')) throw missing;
      }
    }
    throw missing;
  }

  /** Lights the locate LED of a server's board; the server is found as `get` finds it. */
  async locate(id: string, on: boolean, podmId?: string): Promise<void> {
    const system = await this.get(id, podmId);
    await locateBoard(this.ctx, await podManagerRow(this.ctx, system.podmId), id, on, `system ${id}`);
  }

  private async podmsFor(podmId: string | undefined): Promise<PodManagerRow[]> {
    return podmId ? [await this.podManagers.row(podmId)] : listPodManagers(this.ctx.store.db);
  }
}
