import { Type, type Static } from '@sinclair/typebox';
import { CoreError, type Caller, type ComposeRequest, type Core } from '../../core/index.js';
import type { DeviceType } from '../../shared/vocabulary.js';
import { StringEnum } from '../schemas.js';
import { parseBlockId } from './block-ids.js';
import { COMPOSITION, RedfishError } from './errors.js';
import { idIn, paths } from './odata.js';

// A composition request (the body of POST Systems, and a ComposeSystem stanza's Request) and how it
// becomes core's compose request: named blocks (specific composition) or counts (constrained).

export const Ref = Type.Object({ '@odata.id': Type.String({ minLength: 1, maxLength: 512 }) }, { additionalProperties: false });

const Count = Type.Integer({ minimum: 1, maximum: 16 });
const Counted = Type.Object({ '@Redfish.RequestedCount': Count }, { additionalProperties: false });
const ProcessorMember = Type.Object({ '@Redfish.RequestedCount': Count, ProcessorType: Type.Optional(StringEnum(['GPU', 'Accelerator'])) }, { additionalProperties: false });
const Members = <T extends typeof Counted | typeof ProcessorMember>(member: T) => Type.Object({ Members: Type.Array(member, { minItems: 1, maxItems: 16 }) }, { additionalProperties: false });

export const SystemRequest = Type.Object({
  Name: Type.String({ minLength: 1, maxLength: 255 }),
  Description: Type.Optional(Type.String({ maxLength: 1024 })),
  Links: Type.Optional(Type.Object({ ResourceBlocks: Type.Array(Ref, { minItems: 1, maxItems: 64 }) }, { additionalProperties: false })),
  '@Redfish.ZoneAffinity': Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  Processors: Type.Optional(Members(ProcessorMember)),
  NetworkInterfaces: Type.Optional(Members(Counted)),
  Storage: Type.Optional(Members(Counted)),
}, { additionalProperties: false });
export type SystemRequest = Static<typeof SystemRequest>;

/** The device types a constrained request counts: processors by their type, NICs, storage. */
function countedTypes(body: SystemRequest): DeviceType[] {
  const times = (n: number, type: DeviceType) => Array.from({ length: n }, () => type);
  return [
    ...(body.Processors?.Members ?? []).flatMap((m) => times(m['@Redfish.RequestedCount'], m.ProcessorType === 'Accelerator' ? 'ACS' : 'GPU')),
    ...(body.NetworkInterfaces?.Members ?? []).flatMap((m) => times(m['@Redfish.RequestedCount'], 'NIC')),
    ...(body.Storage?.Members ?? []).flatMap((m) => times(m['@Redfish.RequestedCount'], 'SSD')),
  ];
}

/**
 * Core's compose request for a Redfish one. Named blocks must be one Compute block (the server) and
 * device blocks of its zone; counts (none: a server alone) may name a zone (`@Redfish.ZoneAffinity`), else any will do.
 * `pointer` is where the request sits in the body, for the error's RelatedProperties.
 */
export async function composeRequestOf(core: Core, body: SystemRequest, caller: Caller, pointer = ''): Promise<ComposeRequest> {
  const base = { name: body.Name, ...(body.Description !== undefined && { description: body.Description }), projectId: caller.project };
  const types = countedTypes(body);
  const zone = body['@Redfish.ZoneAffinity'];
  // No blocks and no counts: any free server, with no devices yet (they can be added by PATCH).
  if (body.Links === undefined) {
    if (zone !== undefined) await zoneOf(core, zone, pointer);
    return { ...base, ...(zone !== undefined && { podmId: zone }), properties: { pci_device: { type: types } } };
  }
  if (types.length > 0) throw new RedfishError(400, 'Base.1.22.PropertyValueConflict', 'Give either Links.ResourceBlocks or counts, not both.', ['Links', 'Processors'], [`${pointer}/Links`]);
  const servers: Array<{ podmId: string; serverId: string }> = [];
  const devices: Array<{ uuid: string; podmId: string }> = [];
  for (const [i, ref] of body.Links.ResourceBlocks.entries()) {
    const at = `${pointer}/Links/ResourceBlocks/${i}`;
    const id = idIn(paths.blocks, ref['@odata.id']);
    if (id === undefined) throw blockNotFound(ref['@odata.id'], at);
    const block = parseBlockId(id);
    if (block.kind === 'server') servers.push(block);
    else devices.push({ uuid: block.uuid, podmId: await deviceZone(core, block.uuid, ref['@odata.id'], at) });
  }
  if (servers.length !== 1) {
    throw new RedfishError(400, 'Base.1.22.PropertyValueIncorrect', `A composition takes exactly one Compute block (the server); ${servers.length} given.`, ['Links/ResourceBlocks'], [`${pointer}/Links/ResourceBlocks`]);
  }
  const [server] = servers as [{ podmId: string; serverId: string }];
  const known = (await core.servers.list()).some((s) => s.podmId === server.podmId && s.serverId === server.serverId && s.removedAt === null);
  if (!known) throw blockNotFound(paths.block(`${server.podmId}.${server.serverId}`), `${pointer}/Links/ResourceBlocks`);
  if ((zone !== undefined && zone !== server.podmId) || devices.some((d) => d.podmId !== server.podmId)) {
    throw new RedfishError(400, `${COMPOSITION}.IncompatibleZone`, 'The resource blocks are not all in one zone (pod manager); a composition cannot span zones.', [], [`${pointer}/Links/ResourceBlocks`]);
  }
  return { ...base, podmId: server.podmId, blocks: { serverId: server.serverId, deviceUuids: devices.map((d) => d.uuid) } };
}

function blockNotFound(ref: string, at: string): RedfishError {
  return new RedfishError(400, `${COMPOSITION}.ResourceBlockNotFound`, `The resource block ${ref} does not exist.`, [ref], [at]);
}

async function deviceZone(core: Core, uuid: string, ref: string, at: string): Promise<string> {
  try {
    return (await core.devices.get(uuid)).podmId;
  } catch (err) {
    throw err instanceof CoreError && err.kind === 'not_found' ? blockNotFound(ref, at) : err;
  }
}

async function zoneOf(core: Core, podmId: string, pointer: string): Promise<void> {
  try {
    await core.podManagers.get(podmId);
  } catch (err) {
    if (!(err instanceof CoreError && err.kind === 'not_found')) throw err;
    throw new RedfishError(400, 'Base.1.22.ResourceNotFound', `The zone ${podmId} does not exist.`, ['Zone', podmId], [`${pointer}/@Redfish.ZoneAffinity`]);
  }
}
