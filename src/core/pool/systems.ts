import type { FabricServer } from '../../drivers/index.js';
import { listPodManagers } from '../../store/pod-managers.js';
import type { PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import { locateBoard } from './locate.js';
import { podManagerRow, type PodManagers } from './pod-managers.js';

export type System = FabricServer & { podmId: string };

/** Servers, read live from the fabric on every request (never stored as systems). */
export class Systems {
  constructor(private readonly ctx: CoreContext, private readonly podManagers: PodManagers) {}

  /** One pod manager's servers, or every pod manager's when none is named. */
  async list(podmId?: string): Promise<System[]> {
    const lists = await Promise.all((await this.podmsFor(podmId)).map(async (podm) => {
      try {
        const servers = await this.ctx.drivers.get(podm).servers();
        return servers.map((s) => ({ ...s, podmId: podm.uuid }));
      } catch (err) {
        throw fabricFailure(err, podm, 'listing servers');
      }
    }));
    return lists.flat();
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
