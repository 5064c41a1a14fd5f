// Completes a board from the fields someone gave (a hot-plug body, a topology file, a generator's
// choice): what is missing is generated from a seeded random source, so the same seed and input
// always give the same board.
import { Type, type Static } from '@sinclair/typebox';
import { EE_VERSIONS, NEC_OUI, PCIE_CARDS, SERVER_MODELS, SHARE_40G, type PcieCard } from './catalog.js';
import {
  BOARD_PROFILES,
  DEFAULT_GROUP,
  FIELD_SCHEMAS,
  idFromMac,
  type Board,
  type BoardType,
  type Role,
} from './device.js';
import { EemError } from './errors.js';
import type { Rng } from './rng.js';
import { validate } from './validate.js';

/** Any device fields; `downstream_ports` is accepted (a saved listing loads back) but derived anew. */
export const BoardInputSchema = Type.Partial(Type.Object(FIELD_SCHEMAS, { additionalProperties: false }));
export type BoardInput = Static<typeof BoardInputSchema>;

const PCIE_FIELDS = ['pcie_class_code', 'pcie_vendor_id', 'pcie_device_id'] as const;

export interface BoardFactoryOptions {
  rng: Rng;
  /** When an update_time is not given: generated topologies pass a fixed clock, so a seed is reproducible. */
  updateTime: () => number;
  /** MAC addresses already in use elsewhere (the live fabric's, for hot-plug). */
  isTaken?: (mac: string) => boolean;
}

export class BoardFactory {
  readonly #rng: Rng;
  readonly #updateTime: () => number;
  readonly #isTaken: (mac: string) => boolean;
  readonly #issued = new Set<string>();

  constructor(opts: BoardFactoryOptions) {
    this.#rng = opts.rng;
    this.#updateTime = opts.updateTime;
    this.#isTaken = opts.isTaken ?? (() => false);
  }

  /** Checks `input` (naming it `where` in errors) and completes it into a board. */
  board(input: unknown, where: string): Board {
    const given = validate(BoardInputSchema, input, 'deviceInvalid', where);
    const status = roleOf(given, where);
    const hasPcie = PCIE_FIELDS.some((f) => given[f] !== undefined);
    const type: BoardType = given.type ?? (hasPcie ? '40g' : this.#rng.next() < SHARE_40G ? '40g' : '10g');
    const mac = given.mac_address ?? macFromId(given.id) ?? this.#freshMac();
    const common = {
      id: given.id ?? idFromMac(mac),
      status,
      type,
      group_id: given.group_id ?? DEFAULT_GROUP[status],
      mac_address: mac,
      update_time: given.update_time ?? String(this.#updateTime()),
      power_status: given.power_status ?? 'on',
      notification_status0: given.notification_status0 ?? ['up', 'down'],
      notification_status1: given.notification_status1 ?? ['down', 'down'],
      admin_status: given.admin_status ?? 'enable',
      monitoring_status: given.monitoring_status ?? 'enable',
      ee_version: given.ee_version ?? this.#rng.pick(EE_VERSIONS[type]),
      device_id: given.device_id ?? `0x${this.#rng.hex(5)}`,
      serial_number: given.serial_number ?? this.#rng.shaped('AAAA 99999'),
      model: given.model ?? BOARD_PROFILES[type].model,
      ...this.#host(status, given),
    } satisfies Partial<Board>;

    if (status === 'eesv') {
      if (hasPcie) throw new EemError('deviceInvalid', `${where}: an EESV has no pcie_* fields`);
      const max_eeio_count = given.max_eeio_count ?? BOARD_PROFILES[type].max_eeio_count;
      return { ...common, status, type, max_eeio_count };
    }
    if (given.max_eeio_count !== undefined || given.downstream_ports !== undefined) {
      throw new EemError('deviceInvalid', `${where}: an EEIO has no max_eeio_count or downstream_ports`);
    }
    if (type === '10g') {
      if (hasPcie) throw new EemError('deviceInvalid', `${where}: a 10G EEIO reports no pcie_* fields`);
      return { ...common, status, type };
    }
    const card = this.#card(given, where);
    return {
      ...common,
      status,
      type,
      pcie_class_code: card.pcie_class_code,
      pcie_vendor_id: card.pcie_vendor_id,
      pcie_device_id: card.pcie_device_id,
    };
  }

  /** An EESV's host server (a known model gets a serial of its maker's form); an EEIO sits in an IO box. */
  #host(status: Role, given: BoardInput): { host_serial_number: string; host_model: string } {
    if (status === 'eeio') return { host_serial_number: given.host_serial_number ?? '', host_model: given.host_model ?? '' };
    const server =
      given.host_model === undefined
        ? this.#rng.weighted(SERVER_MODELS)
        : (SERVER_MODELS.find((m) => m.host_model === given.host_model) ?? { host_model: given.host_model, serial: '' });
    return {
      host_serial_number: given.host_serial_number ?? this.#rng.shaped(server.serial),
      host_model: server.host_model,
    };
  }

  /** The PCIe identity: as given, or completed from a catalogue card that agrees with what was given. */
  #card(given: BoardInput, where: string): Pick<PcieCard, (typeof PCIE_FIELDS)[number]> {
    if (PCIE_FIELDS.every((f) => given[f] !== undefined)) {
      return { pcie_class_code: given.pcie_class_code!, pcie_vendor_id: given.pcie_vendor_id!, pcie_device_id: given.pcie_device_id! };
    }
    const matches = PCIE_CARDS.filter((card) => PCIE_FIELDS.every((f) => given[f] === undefined || given[f] === card[f]));
    if (matches.length === 0) {
      throw new EemError('deviceInvalid', `${where}: no known card matches the pcie_* fields given; give all three`);
    }
    return this.#rng.weighted(matches);
  }

  #freshMac(): string {
    for (;;) {
      const mac = `${NEC_OUI}:${this.#rng.hex(2)}:${this.#rng.hex(2)}:${this.#rng.hex(2)}`;
      if (!this.#issued.has(mac) && !this.#isTaken(mac)) {
        this.#issued.add(mac);
        return mac;
      }
    }
  }
}

function roleOf(given: BoardInput, where: string): Role {
  if (given.status) return given.status;
  if (PCIE_FIELDS.some((f) => given[f] !== undefined)) return 'eeio';
  if (given.max_eeio_count !== undefined || given.downstream_ports !== undefined) return 'eesv';
  throw new EemError('deviceInvalid', `${where}.status: missing, and no field tells whether it is an "eesv" or an "eeio"`);
}

/** A 12-digit id is the MAC; shorter ones (the Valence fixtures') are not. */
function macFromId(id: string | undefined): string | undefined {
  const digits = id?.slice(2);
  return digits?.length === 12 ? digits.match(/../g)!.join(':') : undefined;
}
