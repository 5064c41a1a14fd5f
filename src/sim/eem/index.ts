// The EEM simulator's public surface: start one, describe its topology, read its devices.
export { startEemSim, EEM_DEFAULT_PORT, PortInUseError, type EemSim, type EemSimOptions } from './server.js';
export { TopologyError, generateBoards, type GenerateSpec, type TopologySpec } from './topology.js';
export { TOPOLOGY_NAMES, type TopologyName } from './named-topologies.js';
export type { BoardInput as DeviceInput } from './board-factory.js';
export { Fabric, type BoardPatch, type DeviceFilter, type GroupChange } from './fabric.js';
export {
  EEIO_FREE_GROUP,
  EESV_DEFAULT_GROUP,
  ASSIGNABLE_GROUPS,
  EemDeviceSchema,
  type BoardType,
  type DownstreamPort,
  type EemDevice,
  type EemDeviceSummary,
  type EeioDevice,
  type Eeio10gDevice,
  type Eeio40gDevice,
  type EesvDevice,
  type Role,
} from './device.js';
export { EEM_ERRORS, EemError, type EemErrorBody, type EemErrorKind } from './errors.js';
export { PCIE_CARDS, CARD_KINDS, type CardKind, type PcieCard } from './catalog.js';
export { CONTROL_PREFIX } from './control-routes.js';
export type { FaultRule, FaultView } from './faults.js';
export type { CallCounts } from './stats.js';
