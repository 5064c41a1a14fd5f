// The Redfish wire's vocabulary: where each resource lives, which schema version it is written to,
// and the small shapes every resource shares (links, collections).

/** Every resource of the service lives under this path. */
export const ROOT = '/redfish/v1';
/** The Redfish plugin is registered under this prefix (its own 404 answers need one). */
export const PREFIX = '/redfish';
/** A path as a route of the plugin spells it, under PREFIX. */
export const route = (path: string) => path.slice(PREFIX.length);

/**
 * The DMTF schema version each resource type is written to (DSP8010 2025.4): `@odata.type`, the
 * `$metadata` references and the required-properties table are all read from here.
 */
export const SCHEMA_VERSIONS = {
  ServiceRoot: 'v1_20_0',
  ComputerSystem: 'v1_27_0',
  CompositionService: 'v1_2_3',
  ResourceBlock: 'v1_4_3',
  Zone: 'v1_6_3',
  Chassis: 'v1_28_0',
  PCIeDevice: 'v1_21_0',
  PCIeFunction: 'v1_7_0',
  CompositionReservation: 'v1_0_2',
  SessionService: 'v1_2_0',
  Session: 'v1_8_0',
  TaskService: 'v1_3_0',
  Task: 'v1_7_4',
  Message: 'v1_3_0',
} as const;
export type ResourceType = keyof typeof SCHEMA_VERSIONS;

/** Collections are unversioned: `#<Member>Collection.<Member>Collection`. */
export const COLLECTION_TYPES = {
  ComputerSystemCollection: 'ComputerSystem',
  ResourceBlockCollection: 'ResourceBlock',
  ZoneCollection: 'Zone',
  ChassisCollection: 'Chassis',
  PCIeDeviceCollection: 'PCIeDevice',
  PCIeFunctionCollection: 'PCIeFunction',
  CompositionReservationCollection: 'CompositionReservation',
  SessionCollection: 'Session',
  TaskCollection: 'Task',
} as const satisfies Record<string, ResourceType>;
export type CollectionType = keyof typeof COLLECTION_TYPES;

export const odataType = (type: ResourceType) => `#${type}.${SCHEMA_VERSIONS[type]}.${type}`;

export interface Link {
  '@odata.id': string;
}
export const link = (path: string): Link => ({ '@odata.id': path });

/** The properties every resource carries first. */
export function resource(type: ResourceType, path: string, id: string, name: string) {
  return { '@odata.id': path, '@odata.type': odataType(type), Id: id, Name: name };
}

export interface Collection {
  '@odata.id': string;
  '@odata.type': string;
  Name: string;
  Members: Link[];
  'Members@odata.count': number;
}

/** A collection of links, as clients walk it; `extra` adds annotations such as collection capabilities. */
export function collection(type: CollectionType, path: string, name: string, members: string[]): Collection {
  return { '@odata.id': path, '@odata.type': `#${type}.${type}`, Name: name, Members: members.map(link), 'Members@odata.count': members.length };
}

/** `Status`: health from what covalence knows of the resource. */
export type Health = 'OK' | 'Warning' | 'Critical';
export type StatusState = 'Enabled' | 'Disabled' | 'Absent' | 'StandbyOffline' | 'Starting' | 'UnavailableOffline';
export const status = (State: StatusState, Health: Health) => ({ State, Health });

/** Where each resource is: one function per path, so no route or view spells a path by hand. */
export const paths = {
  systems: `${ROOT}/Systems`,
  system: (id: string) => `${ROOT}/Systems/${id}`,
  compositionService: `${ROOT}/CompositionService`,
  blocks: `${ROOT}/CompositionService/ResourceBlocks`,
  block: (id: string) => `${ROOT}/CompositionService/ResourceBlocks/${id}`,
  zones: `${ROOT}/CompositionService/ResourceZones`,
  zone: (id: string) => `${ROOT}/CompositionService/ResourceZones/${id}`,
  reservations: `${ROOT}/CompositionService/CompositionReservations`,
  reservation: (id: string) => `${ROOT}/CompositionService/CompositionReservations/${id}`,
  composeAction: `${ROOT}/CompositionService/Actions/CompositionService.Compose`,
  chassisCollection: `${ROOT}/Chassis`,
  chassis: (id: string) => `${ROOT}/Chassis/${id}`,
  pcieDevices: (chassis: string) => `${ROOT}/Chassis/${chassis}/PCIeDevices`,
  pcieDevice: (chassis: string) => `${ROOT}/Chassis/${chassis}/PCIeDevices/${PCIE_DEVICE_ID}`,
  pcieFunctions: (chassis: string) => `${ROOT}/Chassis/${chassis}/PCIeDevices/${PCIE_DEVICE_ID}/PCIeFunctions`,
  pcieFunction: (chassis: string) => `${ROOT}/Chassis/${chassis}/PCIeDevices/${PCIE_DEVICE_ID}/PCIeFunctions/${PCIE_FUNCTION_ID}`,
  sessionService: `${ROOT}/SessionService`,
  sessions: `${ROOT}/SessionService/Sessions`,
  session: (id: string) => `${ROOT}/SessionService/Sessions/${id}`,
  taskService: `${ROOT}/TaskService`,
  tasks: `${ROOT}/TaskService/Tasks`,
  task: (id: string) => `${ROOT}/TaskService/Tasks/${id}`,
  taskMonitor: (id: string) => `${ROOT}/TaskService/Tasks/${id}/Monitor`,
};

/** An EEIO holds one card: its chassis has one PCIe device with one function. */
export const PCIE_DEVICE_ID = '1';
export const PCIE_FUNCTION_ID = '0';

/** The last segment of a link this service made, if it is under `collectionPath`. */
export function idIn(collectionPath: string, ref: string): string | undefined {
  const prefix = `${collectionPath}/`;
  const trimmed = ref.replace(/\/+$/, '');
  if (!trimmed.startsWith(prefix)) return undefined;
  const id = trimmed.slice(prefix.length);
  return id !== '' && !id.includes('/') ? id : undefined;
}
