// The public v1 API as the console sees it. The console may import nothing of the server's, so
// the vocabularies below mirror the enums of /v1/openapi.json.

export const DEVICE_TYPES = ['NIC', 'SSD', 'GPU', 'Multi', 'USB', 'ACS', 'SWITCH', 'Unknown'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DEVICE_STATES = ['free', 'allocated', 'offline', 'removed'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export const REGISTER_TARGETS = ['manageable', 'available'] as const;

export interface PodManager {
  uuid: string;
  name: string;
  url: string;
  driver: string;
  authentication: { type: string; auth_items: { username: string; password: '***' } }[];
  status: 'Online' | 'Offline' | 'AuthError';
  status_detail: string | null;
  description: string | null;
  location: string | null;
  last_sync_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeviceBrief {
  uuid: string;
  podm_id: string;
  type: DeviceType | null;
  state: DeviceState;
  /** The server (EESV id) the device is plugged into. */
  node_id: string | null;
  resource_uri: string;
  pooled_group_id: string;
}

export interface DeviceDetail extends DeviceBrief {
  properties: {
    device_id: string;
    mac_address: string;
    model: string;
    pcie_class_code: string | null;
    pcie_vendor_id: string | null;
    pcie_device_id: string | null;
  };
  extra: { vendor_name: string | null; device_name: string | null };
  created_at: string;
  updated_at: string;
}

export interface System {
  id: string;
  resource_uri: string;
  pooled_group_id: string;
  type: string;
  mac_address: string;
  host_serial_number: string;
  host_model: string;
  power_state: 'on' | 'off';
  podm_id: string;
  max_devices: number;
}

export interface NodeBrief {
  uuid: string;
  name: string;
  /** The server's EESV id. */
  index: string;
  resource_uri: string;
  podm_id: string;
}

export interface NodeDetail extends NodeBrief {
  description: string;
  state: string;
  managed_by?: string;
  created_at: string;
  updated_at: string;
  type?: string;
  power_state?: 'on' | 'off';
  host_model?: string;
  host_serial_number?: string;
  mac_address?: string;
  pooled_group_id?: string;
  max_devices?: number;
  fabric_error?: string;
  devices: DeviceBrief[];
}

export interface NodeRecord extends NodeBrief {
  managed_by?: string;
  ironic_uuid?: string;
  provision_state?: string;
  ports?: { uuid: string; address: string }[];
}

export interface ComposePlan {
  dry_run: true;
  podm_id: string;
  index: string;
  resource_uri: string;
  devices: DeviceBrief[];
}

export interface Flavor {
  uuid: string;
  name: string;
  description: string;
  properties: { pci_device?: { type?: DeviceType[] }; memory?: Record<string, string>; processor?: Record<string, string> };
  created_at: string;
  updated_at: string;
}

export interface SyncReport {
  podm_id: string;
  status: 'SUCCESS' | 'FAILED' | 'BUSY';
  detail?: string;
  servers?: number;
  added?: number;
  updated?: number;
  offline?: number;
  removed?: number;
  unchanged?: number;
  deferred?: number;
}

/** Valence's error body; every 4xx/5xx of the API has this shape. */
export interface ValenceErrorBody {
  request_id: string;
  code: string;
  status: number;
  title: string;
  detail: string;
}
