import type { IronicConfig } from './ironic/config.js';
import { IronicProvisioner } from './ironic/ironic-provisioner.js';
import type { Provisioner } from './provisioner.js';

export function createProvisioner(cfg: IronicConfig): Provisioner {
  return new IronicProvisioner(cfg);
}

export { PROVISION_ERROR_KINDS, ProvisionError } from './errors.js';
export type { ProvisionErrorDetails, ProvisionErrorKind, ProvisionStep } from './errors.js';
export { CLASSIC_DRIVER_HARDWARE_TYPES, hardwareType } from './hardware-types.js';
export { REGISTER_TARGETS } from './provisioner.js';
export type {
  ComposedNodeDevice,
  ComposedNodeFacts,
  Provisioner,
  Registration,
  RegisterSpec,
  RegisterTarget,
} from './provisioner.js';
export { IRONIC_AUTH_TYPES } from './ironic/config.js';
export type {
  HttpBasicAuth,
  IronicAuthType,
  IronicConfig,
  IronicEndpointConfig,
  KeystoneAuth,
  NoAuth,
} from './ironic/config.js';
