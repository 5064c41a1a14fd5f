import { Type } from '@sinclair/typebox';
import { NODE_STATES } from '../../../shared/vocabulary.js';
import { DeviceBrief } from '../devices/schemas.js';
import { FlavorProperties } from '../flavors/schemas.js';
import { Description, ExactlyOne, Name, QueryFlag, StringEnum, Timestamp } from '../../schemas.js';
import { REGISTER_TARGETS } from '../../../core/index.js';

/**
 * One object instead of Valence's anyOf, so that an error names the field; `flavor_id` and
 * `properties` together are refused by the handler with a sentence saying so.
 */
export const ComposeBody = Type.Object({
  name: Name,
  description: Type.Optional(Description),
  podm_id: Type.Optional(Type.String({ minLength: 1 })),
  flavor_id: Type.Optional(Type.String({ minLength: 1 })),
  properties: Type.Optional(FlavorProperties),
}, { additionalProperties: false });

export const ComposeQuery = Type.Object({ dry_run: Type.Optional(QueryFlag) }, { additionalProperties: false });

export const ManageBody = Type.Object({
  podm_id: Type.String({ minLength: 1 }),
  node_index: Type.String({ minLength: 1 }),
}, { additionalProperties: false });

const ResourceRef = Type.Object({ resource_id: Type.String({ minLength: 1 }) }, { additionalProperties: false });

export const ActionBody = ExactlyOne({
  attach: ResourceRef,
  detach: ResourceRef,
  Reset: Type.Object({
    Type: StringEnum(['On', 'ForceOn', 'ForceOff', 'GracefulRestart']),
  }, { additionalProperties: false }),
  Boot: Type.Object({
    Enabled: StringEnum(['Once', 'Continuous']),
    Target: StringEnum(['Pxe', 'Hdd', 'None']),
  }, { additionalProperties: false }),
});

export const NodeQuery = Type.Object({
  podm_id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  index: Type.Optional(Type.String()),
  managed_by: Type.Optional(Type.String()),
  project_id: Type.Optional(Type.String({ description: "admins only: another project's nodes" })),
}, { additionalProperties: false });

export const NodeBrief = Type.Object({
  uuid: Type.String(),
  name: Type.String(),
  index: Type.String(),
  resource_uri: Type.String(),
  podm_id: Type.String(),
});

/** A node's health, beyond Valence: `degraded` and `lost` come with the reason. */
const NodeHealth = Type.Object({
  state: StringEnum(NODE_STATES),
  state_reason: Type.Union([Type.String(), Type.Null()], { description: 'why the node is not composed, in a sentence; null when it is' }),
});

/** A node in a listing: Valence's brief, with its state. */
export const NodeListItem = Type.Composite([NodeBrief, NodeHealth]);

export const NodeView = Type.Composite([NodeBrief, NodeHealth, Type.Object({
  description: Type.String(),
  project_id: Type.String({ description: 'the project that composed or managed the node' }),
  managed_by: Type.Optional(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
  type: Type.Optional(Type.String()),
  serial_number: Type.Optional(Type.String()),
  power_state: Type.Optional(Type.String()),
  host_model: Type.Optional(Type.String()),
  host_serial_number: Type.Optional(Type.String()),
  mac_address: Type.Optional(Type.String()),
  pooled_group_id: Type.Optional(Type.String()),
  max_devices: Type.Optional(Type.Integer()),
  fabric_error: Type.Optional(Type.String()),
  devices: Type.Array(DeviceBrief),
})]);

export const ComposePlanView = Type.Object({
  dry_run: Type.Literal(true),
  podm_id: Type.String(),
  index: Type.String(),
  resource_uri: Type.String(),
  generation: Type.String({ description: "the board generation (40g, 10g) the server and every device share" }),
  generation_rule: Type.String({ description: 'why: an ExpEther server joins devices of its own board generation only' }),
  devices: Type.Array(DeviceBrief),
});

const Mac = Type.String({ pattern: '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$', description: 'a MAC address, 52:54:00:12:34:56' });

/** Valence's register body (`driver_info`, `driver`, `mac`) and what Ironic can take beyond it. */
export const RegisterBody = Type.Object({
  driver_info: Type.Record(Type.String(), Type.Unknown(), { description: 'BMC address and credentials for the hardware type (ipmi_address, ipmi_username, …)' }),
  driver: Type.Optional(Type.String({ minLength: 1, description: 'Ironic hardware type; pxe_ipmitool and agent_ipmitool mean ipmi' })),
  mac: Type.Optional(Mac),
  macs: Type.Optional(Type.Array(Mac, { maxItems: 32 })),
  resource_class: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  traits: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z0-9_]{1,255}$' }), { maxItems: 50 })),
  provision_state: Type.Optional(StringEnum(REGISTER_TARGETS)),
}, { additionalProperties: false });

export const NodeRecord = Type.Composite([NodeBrief, Type.Object({
  managed_by: Type.Optional(Type.String()),
  ironic_uuid: Type.Optional(Type.String()),
  provision_state: Type.Optional(Type.String()),
  ports: Type.Optional(Type.Array(Type.Object({ uuid: Type.String(), address: Type.String() }))),
  created_at: Timestamp,
  updated_at: Timestamp,
})]);
