import type { FastifyRequest } from 'fastify';
import { anyone, reader, type Policy } from '../rule.js';

const member = 'member' as const;

// The Redfish routes' rows of the one policy table. Redfish requires the service root and the
// service documents open; everything else needs a token, reads included (DSP0266). A session
// login is open: its password is the token it checks.
export const redfishPolicy = {
  'GET /redfish': anyone,
  'GET /redfish/v1': anyone,
  'GET /redfish/v1/odata': anyone,
  'GET /redfish/v1/$metadata': anyone,
  'GET /redfish/v1/Systems': reader,
  'GET /redfish/v1/Systems/Capabilities': reader,
  'GET /redfish/v1/Systems/ConstrainedCapabilities': reader,
  'GET /redfish/v1/Systems/:id': reader,
  // Composition is a member's, on their own project's nodes (core's rule), audited as v1's verbs are.
  'POST /redfish/v1/Systems': { allow: member, audit: 'node.compose' },
  'PATCH /redfish/v1/Systems/:id': { allow: member, audit: 'node.resource_blocks' },
  'DELETE /redfish/v1/Systems/:id': { allow: member, audit: 'node.decompose' },
  'GET /redfish/v1/CompositionService': reader,
  'GET /redfish/v1/CompositionService/ResourceBlocks': reader,
  'GET /redfish/v1/CompositionService/ResourceBlocks/:id': reader,
  'GET /redfish/v1/CompositionService/ResourceZones': reader,
  'GET /redfish/v1/CompositionService/ResourceZones/:id': reader,
  'POST /redfish/v1/CompositionService/Actions/CompositionService.Compose': { allow: member, audit: composeAudit },
  'GET /redfish/v1/CompositionService/CompositionReservations': reader,
  'GET /redfish/v1/CompositionService/CompositionReservations/:id': reader,
  'DELETE /redfish/v1/CompositionService/CompositionReservations/:id': { allow: member, audit: 'composition.release' },
  'GET /redfish/v1/Chassis': reader,
  'GET /redfish/v1/Chassis/:id': reader,
  'GET /redfish/v1/Chassis/:id/PCIeDevices': reader,
  'GET /redfish/v1/Chassis/:id/PCIeDevices/:device': reader,
  'GET /redfish/v1/Chassis/:id/PCIeDevices/:device/PCIeFunctions': reader,
  'GET /redfish/v1/Chassis/:id/PCIeDevices/:device/PCIeFunctions/:fn': reader,
  'GET /redfish/v1/SessionService': reader,
  'GET /redfish/v1/SessionService/Sessions': reader,
  'POST /redfish/v1/SessionService/Sessions': anyone,
  'GET /redfish/v1/SessionService/Sessions/:id': reader,
  'DELETE /redfish/v1/SessionService/Sessions/:id': reader,
  'GET /redfish/v1/TaskService': reader,
  'GET /redfish/v1/TaskService/Tasks': reader,
  'GET /redfish/v1/TaskService/Tasks/:id': reader,
  'GET /redfish/v1/TaskService/Tasks/:id/Monitor': reader,
} as const satisfies Policy;

/** A preview changes nothing and is not recorded; a reservation and an apply are. */
function composeAudit(req: FastifyRequest): string | null {
  const type = (req.body as { RequestType?: unknown } | undefined)?.RequestType;
  return type === 'PreviewReserve' ? 'composition.reserve' : type === 'Apply' ? 'composition.apply' : null;
}
