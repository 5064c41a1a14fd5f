import type { Static } from '@sinclair/typebox';
import type { System } from '../../../core/index.js';
import type { SystemBrief, SystemView } from './schemas.js';

export function systemBrief(s: System): Static<typeof SystemBrief> {
  return {
    id: s.id,
    resource_uri: `devices/${s.id}`,
    pooled_group_id: s.groupId,
    type: s.generation,
    mac_address: s.macAddress,
    host_serial_num: s.hostSerialNumber,
    host_serial_number: s.hostSerialNumber,
    host_model: s.hostModel,
    power_state: s.powerOn ? 'on' : 'off',
    podm_id: s.podmId,
    max_devices: s.maxDevices,
  };
}

export function systemView(s: System): Static<typeof SystemView> {
  return {
    id: s.id,
    type: s.generation,
    pooled_group_id: s.groupId,
    mac_address: s.macAddress,
    serial_number: s.serialNumber,
    name: 'eesv',
    power_state: s.powerOn ? 'on' : 'off',
    host_model: s.hostModel,
    host_serial_number: s.hostSerialNumber,
    description: s.model,
    ee_version: s.firmware,
    update_time: epochMsText(s.version),
    podm_id: s.podmId,
    max_devices: s.maxDevices,
  };
}

/** The EEM's update_time (ms since the epoch) as Valence rendered it: `YYYY-MM-DD HH:MM:SS`. */
function epochMsText(ms: string): string {
  const n = Number(ms);
  return Number.isFinite(n) ? new Date(n).toISOString().slice(0, 19).replace('T', ' ') : ms;
}
