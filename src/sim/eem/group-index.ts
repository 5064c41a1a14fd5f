// Who is in each group: at most one EESV, and the EEIOs in the order of the downstream port each
// took when it joined. The default groups 4093 (free EEIOs) and 4094 (EESVs without a group) are
// pools, not PCIe trees, and are not indexed.
import { ASSIGNABLE_GROUPS, isDefaultGroup } from './device.js';

interface Group {
  eesv: string | undefined;
  /** Port i holds the EEIO with this id, or nothing. */
  ports: (string | undefined)[];
  eeioCount: number;
}

export class GroupIndex {
  readonly #groups = new Map<string, Group>();

  eesvOf(gid: string): string | undefined {
    return this.#groups.get(gid)?.eesv;
  }

  eeioCount(gid: string): number {
    return this.#groups.get(gid)?.eeioCount ?? 0;
  }

  /** The EEIO on each downstream port of the group's tree. */
  ports(gid: string): readonly (string | undefined)[] {
    return this.#groups.get(gid)?.ports ?? [];
  }

  /** Puts an EESV with `portCount` downstream ports at the root of the group's tree. */
  setEesv(gid: string, id: string, portCount: number): void {
    const group = this.#group(gid);
    if (!group) return;
    group.eesv = id;
    // EEIOs that waited in the group without an EESV may sit on port numbers this board lacks.
    if (group.ports.slice(portCount).some((p) => p !== undefined)) {
      group.ports = group.ports.filter((p) => p !== undefined);
    }
  }

  removeEesv(gid: string): void {
    const group = this.#groups.get(gid);
    if (!group) return;
    group.eesv = undefined;
    this.#dropIfEmpty(gid, group);
  }

  addEeio(gid: string, id: string): void {
    const group = this.#group(gid);
    if (!group) return;
    const free = group.ports.indexOf(undefined);
    group.ports[free === -1 ? group.ports.length : free] = id;
    group.eeioCount++;
  }

  removeEeio(gid: string, id: string): void {
    const group = this.#groups.get(gid);
    const port = group?.ports.indexOf(id) ?? -1;
    if (!group || port === -1) return;
    group.ports[port] = undefined;
    group.eeioCount--;
    this.#dropIfEmpty(gid, group);
  }

  /** The lowest assignable group id that no board uses. */
  lowestFree(): string | undefined {
    for (let n = ASSIGNABLE_GROUPS.min; n <= ASSIGNABLE_GROUPS.max; n++) {
      if (!this.#groups.has(String(n))) return String(n);
    }
    return undefined;
  }

  clear(): void {
    this.#groups.clear();
  }

  #group(gid: string): Group | undefined {
    if (isDefaultGroup(gid)) return undefined;
    let group = this.#groups.get(gid);
    if (!group) this.#groups.set(gid, (group = { eesv: undefined, ports: [], eeioCount: 0 }));
    return group;
  }

  #dropIfEmpty(gid: string, group: Group): void {
    if (group.eesv === undefined && group.eeioCount === 0) this.#groups.delete(gid);
  }
}
