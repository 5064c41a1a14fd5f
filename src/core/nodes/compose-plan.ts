import type { DeviceType } from '../../shared/vocabulary.js';
import type { Db } from '../../store/database.js';
import { freeCountsByGeneration, freeDevices } from '../../store/devices.js';
import type { RowLock } from '../../store/row-locks.js';
import type { PodManagerRow } from '../../store/schema.js';
import { composeCandidates } from '../../store/servers.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { toDevice, type Device, type DeviceSummary } from '../pool/devices.js';
import { reservationLock } from './reservation.js';

/** What compose would take (`?dry_run=true`). */
export interface ComposePlan {
  readonly podmId: string;
  readonly serverId: string;
  /** The board generation the server and every device share: a server joins its own only. */
  readonly generation: string;
  readonly devices: DeviceSummary[];
}

/** The pod manager, server and devices compose picked. */
export interface Choice {
  readonly podm: PodManagerRow;
  readonly serverId: string;
  readonly generation: string;
  readonly devices: Device[];
}

/** Servers are tried in this order of board generation; devices must match their server's. */
const GENERATIONS = ['40g', '10g', '1g'] as const;

export function planOf(choice: Choice): ComposePlan {
  return { podmId: choice.podm.uuid, serverId: choice.serverId, generation: choice.generation, devices: choice.devices };
}

/**
 * `choose`, locking the server and devices it picks where other replicas reserve at the same time:
 * rows another reservation has locked are skipped, so concurrent composes take different servers.
 * A shortage seen that way is real only if a plain read agrees; otherwise the rows it lacks are
 * being reserved by others, which commit or let go in a moment: busy, and the caller tries again.
 */
export async function chooseAndLock(ctx: CoreContext, tx: Db, podms: PodManagerRow[], types: DeviceType[]): Promise<Choice> {
  const lock = reservationLock(ctx, 'skip');
  try {
    return await choose(tx, podms, types, lock);
  } catch (err) {
    if (lock === undefined || !(err instanceof CoreError && err.kind === 'not_found')) throw err;
    await choose(tx, podms, types);
    throw new CoreError('busy', 'the servers or devices that fit are being reserved by other requests');
  }
}

/** The first pod manager, generation and server that can take every requested device. */
export async function choose(db: Db, podms: PodManagerRow[], types: DeviceType[], lock?: RowLock): Promise<Choice> {
  const count = new Map<DeviceType, number>();
  for (const t of types) count.set(t, (count.get(t) ?? 0) + 1);
  const reasons: string[] = [];
  let deviceShortage = false;
  for (const podm of podms) {
    const serverless = new Set<string>();
    const shortages: Shortage[] = [];
    for (const generation of GENERATIONS) {
      const [server] = await composeCandidates(db, podm.uuid, generation, types.length, 1, lock);
      if (!server) {
        serverless.add(generation);
        continue;
      }
      const devices: Device[] = [];
      const missing: Shortage[] = [];
      for (const [type, n] of count) {
        const free = await freeDevices(db, podm.uuid, type, generation, n, lock);
        if (free.length < n) missing.push({ type, n, free: free.length, generation });
        devices.push(...free.map(toDevice));
      }
      if (missing.length === 0) return { podm, serverId: server.eem_id, generation, devices };
      shortages.push(...missing);
    }
    if (shortages.length > 0) {
      deviceShortage = true;
      reasons.push(`pod manager ${podm.name}: ${(await Promise.all(shortages.map((m) => explain(db, podm, m, serverless)))).join('; ')}`);
    } else {
      reasons.push(`pod manager ${podm.name}: no free server (powered on, enabled, nothing in its group, not a node yet) with room for ${types.length} device(s)`);
    }
  }
  const head = deviceShortage ? 'Requested device not available' : 'Node not available';
  return Promise.reject(new CoreError('not_found', `${head}: ${reasons.join('; ')}.`, '40400'));
}

/** Too few free devices of a type on the boards of one generation that has a free server. */
interface Shortage {
  readonly type: DeviceType;
  readonly n: number;
  readonly free: number;
  readonly generation: string;
}

/**
 * A shortage, with its real causes: devices of the type an admin put in maintenance, and devices
 * free on boards of a generation no free server has (say 40G GPUs while only a 10G server is free).
 */
async function explain(db: Db, podm: PodManagerRow, m: Shortage, serverless: Set<string>): Promise<string> {
  const pool = await freeCountsByGeneration(db, podm.uuid, m.type);
  const resting = pool.filter((p) => p.maintenance && p.generation === m.generation).reduce((n, p) => n + p.count, 0);
  const text = `${m.n} ${m.type} requested, ${m.free} free on ${m.generation} boards${resting ? ` (${resting} more in maintenance)` : ''}`;
  const causes = pool.filter((p) => !p.maintenance && serverless.has(p.generation) && p.count > 0)
    .map((p) => `${p.count} ${m.type} free on ${p.generation} boards, but no free ${p.generation} server (a server takes devices of its own board generation only)`);
  return [text, ...causes].join('; ');
}
