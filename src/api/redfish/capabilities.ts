import { link, paths, resource } from './odata.js';

// How a client learns to compose here (reference §2.1): `@Redfish.CollectionCapabilities` on the
// Systems collection and on each zone points at capabilities objects, which describe the POST body
// with annotations. Specific composition names blocks; constrained composition gives counts.

export const SPECIFIC_CAPABILITIES = `${paths.systems}/Capabilities`;
export const CONSTRAINED_CAPABILITIES = `${paths.systems}/ConstrainedCapabilities`;

/** The annotation, for the zones given (all of them on Systems, its own on a zone). */
export function collectionCapabilities(zoneIds: string[]) {
  const related = zoneIds.map((z) => link(paths.zone(z)));
  const entry = (useCase: string, object: string) => ({
    CapabilitiesObject: link(object),
    UseCase: useCase,
    Links: { TargetCollection: link(paths.systems), RelatedItem: related },
  });
  return {
    '@odata.type': '#CollectionCapabilities.v1_4_1.CollectionCapabilities',
    Capabilities: [
      entry('ComputerSystemComposition', SPECIFIC_CAPABILITIES),
      entry('ComputerSystemConstrainedComposition', CONSTRAINED_CAPABILITIES),
    ],
  };
}

/** One Compute block (the server) and any IO blocks of the same zone; the blocks can change later. */
export function specificCapabilities() {
  return {
    ...resource('ComputerSystem', SPECIFIC_CAPABILITIES, 'Capabilities', 'Specific composition'),
    Description: 'POST to Systems with Name and Links.ResourceBlocks: one Compute block and the IO blocks to attach, all of one zone.',
    'Name@Redfish.RequiredOnCreate': true,
    'Description@Redfish.OptionalOnCreate': true,
    'Links@Redfish.RequiredOnCreate': true,
    Links: { 'ResourceBlocks@Redfish.RequiredOnCreate': true, 'ResourceBlocks@Redfish.UpdatableAfterCreate': true },
    '@Redfish.ResourceBlockLimits': { MinCompute: 1, MaxCompute: 1 },
  };
}

/** Counts of device kinds; the service picks a free server and the devices, all in one zone. */
export function constrainedCapabilities() {
  return {
    ...resource('ComputerSystem', CONSTRAINED_CAPABILITIES, 'ConstrainedCapabilities', 'Constrained composition'),
    Description: 'POST to Systems with Name and counts (@Redfish.RequestedCount) of Processors (ProcessorType GPU or Accelerator), '
      + 'NetworkInterfaces and Storage members; @Redfish.ZoneAffinity picks the zone.',
    'Name@Redfish.RequiredOnCreate': true,
    'Description@Redfish.OptionalOnCreate': true,
    '@Redfish.ZoneAffinity@Redfish.OptionalOnCreate': true,
    'Processors@Redfish.OptionalOnCreate': true,
    Processors: { Members: [{ '@Redfish.RequestedCount': 0, 'ProcessorType@Redfish.AllowableValues': ['GPU', 'Accelerator'] }] },
    'NetworkInterfaces@Redfish.OptionalOnCreate': true,
    NetworkInterfaces: { Members: [{ '@Redfish.RequestedCount': 0 }] },
    'Storage@Redfish.OptionalOnCreate': true,
    Storage: { Members: [{ '@Redfish.RequestedCount': 0 }] },
  };
}
