// The simulated ExpEther fabric: every board the EEM manages, and the rules a real EEM enforces
// when group ids change. Each operation checks everything first and changes nothing if it
// refuses; every device it changed then gets a new update_time, once.
import {
  DEFAULT_GROUP,
  isAssignable,
  isDefaultGroup,
  linkUp,
  type Board,
  type DownstreamPort,
  type EemDevice,
  type EemDeviceSummary,
  type EesvBoard,
  type OnOff,
  type Role,
} from './device.js';
import { EemError } from './errors.js';
import { GroupIndex } from './group-index.js';

export interface DeviceFilter {
  status?: Role;
  group_id?: string;
}

/** The answer to a group change: where the device is now and its new update_time. */
export interface GroupChange {
  group_id: string;
  update_time: string;
}

/** What an operator may change out of band (through the EEM's own console). */
export interface BoardPatch {
  notification_status0?: Board['notification_status0'];
  power_status?: OnOff;
  admin_status?: Board['admin_status'];
  /** null allocates a fresh group, as for PUT. */
  group_id?: string | null;
}
const PATCHABLE_FIELDS = ['notification_status0', 'power_status', 'admin_status'] as const;

interface Entry {
  board: Board;
  led: OnOff;
  /** The device's wire JSON and its `GET devices` item, cached until the device next changes. */
  json?: string;
  summary?: string;
}

export class Fabric {
  readonly #initial: readonly Board[];
  readonly #entries = new Map<string, Entry>();
  readonly #macs = new Set<string>();
  readonly #groups = new GroupIndex();
  /** Devices changed by the operation under way. */
  readonly #changed = new Set<Entry>();

  /** Loads `boards`, refusing them as hot-plug would (duplicates, bad groups, full EESVs). */
  constructor(boards: readonly Board[]) {
    this.#initial = boards.map((b) => structuredClone(b));
    this.reset();
  }

  /** Back to the boards the fabric was built with, update_times included. */
  reset(): void {
    this.#entries.clear();
    this.#macs.clear();
    this.#groups.clear();
    for (const board of this.#initial) this.#insert(structuredClone(board));
    this.#changed.clear(); // loading changes nobody: every board keeps the update_time it came with
  }

  count(filter: DeviceFilter = {}): number {
    let n = 0;
    for (const { board } of this.#entries.values()) if (matches(board, filter)) n++;
    return n;
  }

  /** Copies of the matching devices, as `GET devices/detail` shows them. */
  list(filter: DeviceFilter = {}): EemDevice[] {
    return JSON.parse(this.listJson(filter, true)) as EemDevice[];
  }

  /** A copy of the device, as `GET devices/{id}` shows it. */
  get(id: string): EemDevice | undefined {
    const entry = this.#entries.get(id);
    return entry && (JSON.parse(this.#json(entry)) as EemDevice);
  }

  /** The JSON array of matching devices: full ones (`detail`) or `GET devices` items. */
  listJson(filter: DeviceFilter, detail: boolean): string {
    const parts: string[] = [];
    for (const entry of this.#entries.values()) {
      if (matches(entry.board, filter)) parts.push(detail ? this.#json(entry) : this.#summary(entry));
    }
    return `[${parts.join(',')}]`;
  }

  deviceJson(id: string): string {
    return this.#json(this.#entry(id));
  }

  hasMac(mac: string): boolean {
    return this.#macs.has(mac);
  }

  /**
   * Moves a device into group `gid`, or into a fresh group (the lowest unused id) when `gid` is
   * null. `expected`, when given, must be the device's current update_time.
   */
  setGroup(id: string, gid: string | null, expected?: string): GroupChange {
    const entry = this.#entry(id);
    checkFresh(entry.board, expected);
    const target = this.#target(entry.board, gid);
    if (target !== entry.board.group_id) {
      this.#checkJoin(entry.board, target, { link: true });
      this.#move(entry, target);
    }
    this.#commit();
    return { group_id: entry.board.group_id, update_time: entry.board.update_time };
  }

  /** Back to the role's default group: 4093 for an EEIO, 4094 for an EESV. */
  deleteGroup(id: string, expected?: string): GroupChange {
    return this.setGroup(id, DEFAULT_GROUP[this.#entry(id).board.status], expected);
  }

  led(id: string): OnOff {
    return this.#entry(id).led;
  }

  setLed(id: string, state: OnOff): { uid_led_status: OnOff; update_time: string } {
    const entry = this.#entry(id);
    if (entry.led !== state) {
      entry.led = state;
      this.#changed.add(entry);
    }
    this.#commit();
    return { uid_led_status: entry.led, update_time: entry.board.update_time };
  }

  /** The EEM re-reads the board: nothing changes but its update_time. */
  audit(id: string): string {
    const entry = this.#entry(id);
    this.#changed.add(entry);
    this.#commit();
    return entry.board.update_time;
  }

  /** Hot-plugs a complete board. */
  plug(board: Board): EemDevice {
    this.#insert(structuredClone(board));
    this.#commit();
    return this.get(board.id)!;
  }

  /** Unplugs a device; EEIOs in an EESV's group leave its ports, an EESV's EEIOs stay in the group. */
  unplug(id: string): EemDevice {
    const entry = this.#entry(id);
    const device = this.get(id)!;
    this.#leave(entry);
    this.#entries.delete(id);
    this.#macs.delete(entry.board.mac_address);
    this.#commit();
    return device;
  }

  /**
   * An operator's change: no update_time token and no link check (the console acts on the board
   * directly), but the group rules hold, since they are what the fabric can physically be.
   */
  patch(id: string, changes: BoardPatch): EemDevice {
    const entry = this.#entry(id);
    const { board } = entry;
    const target = changes.group_id === undefined ? board.group_id : this.#target(board, changes.group_id);
    if (target !== board.group_id) this.#checkJoin(board, target, { link: false });

    const wasUp = linkUp(board);
    for (const field of PATCHABLE_FIELDS) {
      const value = changes[field];
      if (value === undefined || JSON.stringify(value) === JSON.stringify(board[field])) continue;
      Object.assign(board, { [field]: structuredClone(value) });
      this.#changed.add(entry);
    }
    // An EESV shows each port's link, so its EEIO's link flap is its change too.
    if (board.status === 'eeio' && linkUp(board) !== wasUp) this.#changeEesvOf(board.group_id);
    if (target !== board.group_id) this.#move(entry, target);
    this.#commit();
    return this.get(id)!;
  }

  #entry(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new EemError('deviceNotFound', `Device ${id} not found`);
    return entry;
  }

  /**
   * The group a request names, checked for form and for the device's role, and for the range a
   * client may assign unless the board comes with it (`existing`: loaded or hot-plugged).
   */
  #target(board: Board, gid: string | null, existing = false): string {
    if (gid === null) {
      const free = this.#groups.lowestFree();
      if (free === undefined) throw new EemError('noFreeGroup', 'No free group id is left in 16-4092');
      return free;
    }
    if (!/^(0|[1-9][0-9]*)$/.test(gid)) {
      throw new EemError('groupIdMalformed', `group_id ${JSON.stringify(gid)} is not a decimal number`);
    }
    if (gid === DEFAULT_GROUP[board.status]) return gid;
    if (gid === DEFAULT_GROUP.eesv || gid === DEFAULT_GROUP.eeio) {
      throw new EemError(
        'groupIdOtherRole',
        `group_id ${gid} is the default group of an ${board.status === 'eesv' ? 'EEIO' : 'EESV'}; device ${board.id} is an ${board.status.toUpperCase()}`,
      );
    }
    if (!existing && !isAssignable(gid)) throw new EemError('groupIdOutOfRange', `group_id ${gid} is outside 16-4092`);
    return gid;
  }

  /** The rules for `board` entering group `target` (a default group takes anyone of its role). */
  #checkJoin(board: Board, target: string, { link }: { link: boolean }): void {
    if (isDefaultGroup(target)) return;
    if (link && !linkUp(board)) {
      throw new EemError('linkDown', `Device ${board.id} cannot join group ${target}: its link is down`);
    }
    const eesvId = this.#groups.eesvOf(target);
    const count = this.#groups.eeioCount(target);
    if (board.status === 'eeio') {
      const max = eesvId === undefined ? Infinity : Number(this.#eesv(eesvId).max_eeio_count);
      if (count >= max) {
        throw new EemError('eesvFull', `EESV ${eesvId} of group ${target} already has ${count} of ${max} EEIOs`);
      }
    } else if (eesvId !== undefined && eesvId !== board.id) {
      throw new EemError('groupHasEesv', `Group ${target} already has EESV ${eesvId}`);
    } else if (count > Number(board.max_eeio_count)) {
      throw new EemError(
        'groupTooBig',
        `Group ${target} holds ${count} EEIOs, more than EESV ${board.id} takes (${board.max_eeio_count})`,
      );
    }
  }

  #insert(board: Board): void {
    if (this.#entries.has(board.id)) throw new EemError('deviceExists', `Device ${board.id} already exists`);
    if (this.#macs.has(board.mac_address)) {
      throw new EemError('deviceExists', `Device ${board.id}: MAC address ${board.mac_address} is already in use`);
    }
    this.#target(board, board.group_id, true);
    this.#checkJoin(board, board.group_id, { link: false });
    const entry: Entry = { board, led: 'off' };
    this.#entries.set(board.id, entry);
    this.#macs.add(board.mac_address);
    this.#join(entry);
  }

  #move(entry: Entry, target: string): void {
    this.#leave(entry);
    entry.board.group_id = target;
    this.#join(entry);
    this.#changed.add(entry);
  }

  #join({ board }: Entry): void {
    if (board.status === 'eesv') {
      this.#groups.setEesv(board.group_id, board.id, Number(board.max_eeio_count));
    } else {
      this.#groups.addEeio(board.group_id, board.id);
      this.#changeEesvOf(board.group_id);
    }
  }

  #leave({ board }: Entry): void {
    if (board.status === 'eesv') {
      if (this.#groups.eesvOf(board.group_id) === board.id) this.#groups.removeEesv(board.group_id);
    } else {
      this.#changeEesvOf(board.group_id);
      this.#groups.removeEeio(board.group_id, board.id);
    }
  }

  /** The EESV's downstream ports change when an EEIO joins, leaves or flaps in its group. */
  #changeEesvOf(gid: string): void {
    const id = this.#groups.eesvOf(gid);
    if (id !== undefined) this.#changed.add(this.#entries.get(id)!);
  }

  #eesv(id: string): EesvBoard {
    return this.#entries.get(id)!.board as EesvBoard;
  }

  /** Ends an operation: every changed device gets a later update_time and drops its cached JSON. */
  #commit(): void {
    for (const entry of this.#changed) {
      entry.board.update_time = nextUpdateTime(entry.board.update_time);
      entry.json = entry.summary = undefined;
    }
    this.#changed.clear();
  }

  #json(entry: Entry): string {
    const { board } = entry;
    entry.json ??= JSON.stringify(board.status === 'eesv' ? { ...board, downstream_ports: this.#ports(board) } : board);
    return entry.json;
  }

  #summary(entry: Entry): string {
    const { id, status, group_id, type } = entry.board;
    entry.summary ??= JSON.stringify({ id, status, group_id, type } satisfies EemDeviceSummary);
    return entry.summary;
  }

  #ports(eesv: EesvBoard): DownstreamPort[] {
    const held = this.#groups.eesvOf(eesv.group_id) === eesv.id ? this.#groups.ports(eesv.group_id) : [];
    return Array.from({ length: Number(eesv.max_eeio_count) }, (_, port) => {
      const eeioId = held[port];
      const eeio = eeioId === undefined ? undefined : this.#entries.get(eeioId)?.board;
      return {
        downstream_port_id: String(port),
        eeio_connection_status: eeio && linkUp(eeio) ? 'up' : 'down',
        eeio_mac_address: eeio?.mac_address ?? '',
      };
    });
  }
}

function matches(board: Board, filter: DeviceFilter): boolean {
  return (
    (filter.status === undefined || board.status === filter.status) &&
    (filter.group_id === undefined || board.group_id === filter.group_id)
  );
}

function checkFresh(board: Board, expected: string | undefined): void {
  if (expected !== undefined && expected !== board.update_time) {
    throw new EemError(
      'staleUpdateTime',
      `update_time ${expected} is stale: device ${board.id} was updated at ${board.update_time}`,
    );
  }
}

/** Milliseconds since the epoch, but always later than `previous`, even twice in one millisecond. */
function nextUpdateTime(previous: string): string {
  return String(Math.max(Date.now(), Number(previous) + 1));
}
