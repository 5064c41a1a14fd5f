/**
 * The provisioner as core sees it: hand a composed node to a bare-metal provisioner (Ironic), keep
 * what it knows of the node's devices current, and take the node back. Every method throws
 * ProvisionError (./errors.ts) and nothing else.
 */

/** What covalence knows of a composed node: the Ironic node's name and `extra` come from it. */
export interface ComposedNodeFacts {
  uuid: string;
  name: string;
  podmId: string;
  podmName: string;
  index: string;
  devices: ComposedNodeDevice[];
}

export interface ComposedNodeDevice {
  uuid: string;
  type: string | null;
  vendorName: string | null;
  deviceName: string | null;
  resourceUri: string;
}

/** The states register can leave a node in; `enroll` when absent. */
export const REGISTER_TARGETS = ['manageable', 'available'] as const;
export type RegisterTarget = (typeof REGISTER_TARGETS)[number];

/** What the caller of register decides (Valence's register body, cleaned up). */
export interface RegisterSpec {
  /**
   * Ironic hardware type; classic driver names such as `pxe_ipmitool` are translated
   * (./hardware-types.ts). Default: the configured one.
   */
  driver?: string;
  /** BMC address and credentials, as the hardware type wants them (`ipmi_address`, `ipmi_username`, ...). */
  driverInfo: Record<string, unknown>;
  /** One Ironic port per MAC, in this order. */
  macs: string[];
  resourceClass?: string;
  properties?: Record<string, unknown>;
  traits?: string[];
  provisionState?: RegisterTarget;
}

export interface Registration {
  ironicUuid: string;
  provisionState: string;
  ports: Array<{ uuid: string; address: string }>;
}

export interface Provisioner {
  /**
   * Creates the node, its traits and ports, then drives it to `spec.provisionState`. All or nothing:
   * on failure it removes what it created (or names the leftover) and the error names the failed step.
   * A node of the same name left by an earlier register of this composed node that never reported
   * back is replaced, so a retry after a crash converges.
   */
  register(node: ComposedNodeFacts, spec: RegisterSpec): Promise<Registration>;
  /** What Ironic says of the node now; null when it no longer knows it. */
  describe(ironicUuid: string): Promise<Registration | null>;
  /** Rewrites the node's `extra` (and device traits, when configured) after attach or detach. */
  updateFacts(ironicUuid: string, node: ComposedNodeFacts): Promise<void>;
  /** Deletes the node and its ports; a no-op when already gone; `busy` when deployed or in a transient state. */
  deregister(ironicUuid: string): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}
