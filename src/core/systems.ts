import type { FabricServer } from '../drivers/index.js';
import { listPodManagers } from '../store/pod-managers.js';
import type { CoreContext } from './context.js';
import { fabricFailure, notFound } from './errors.js';
import type { PodManagers } from './pod-managers.js';

export type System = FabricServer & { podmId: string };

/** Servers, read live from the fabric on every request (never stored as systems). */
export class Systems {
  constructor(private readonly ctx: CoreContext, private readonly podManagers: PodManagers) {}

  /** One pod manager's servers, or every pod manager's when none is named. */
  async list(podmId?: string): Promise<System[]> {
    const podms = podmId ? [await this.podManagers.row(podmId)] : await listPodManagers(this.ctx.store.db);
    const lists = await Promise.all(podms.map(async (podm) => {
      try {
        const servers = await this.ctx.drivers.for(podm).servers();
        return servers.map((s) => ({ ...s, podmId: podm.uuid }));
      } catch (err) {
        throw fabricFailure(err, podm, 'listing servers');
      }
    }));
    return lists.flat();
  }

  /** Without a pod manager, the id is looked up on each in turn. */
  async get(id: string, podmId?: string): Promise<System> {
    const podms = podmId ? [await this.podManagers.row(podmId)] : await listPodManagers(this.ctx.store.db);
    let last: unknown;
    for (const podm of podms) {
      try {
        return { ...(await this.ctx.drivers.for(podm).server(id)), podmId: podm.uuid };
      } catch (err) {
        last = fabricFailure(err, podm, `reading system ${id}`);
        if (podms.length > 1 && (last as { kind?: string }).kind === 'not_found') continue;
        throw last;
      }
    }
    throw last ?? notFound(`System ${id}`);
  }
}
