import type { CollectionType, ResourceType } from './odata.js';

/**
 * What DMTF's schemas (DSP8010 2025.4, the versions in odata.ts) mark `required` for each resource
 * type this service answers with, as paths (`A/B` is property B of object A). Taken from the
 * published JSON schemas' `required` lists (reference/redfish-composition.md §1.1, §3.4): every
 * resource requires `@odata.id`, `@odata.type`, `Id` and `Name`; every collection the same less `Id`,
 * plus `Members` and `Members@odata.count`. test/redfish/required-properties.test.ts walks the
 * whole service and checks every resource it reaches against this table.
 */
const RESOURCE = ['@odata.id', '@odata.type', 'Id', 'Name'] as const;
const COLLECTION = ['@odata.id', '@odata.type', 'Name', 'Members', 'Members@odata.count'] as const;

export const REQUIRED_PROPERTIES: Record<ResourceType | CollectionType, readonly string[]> = {
  ServiceRoot: [...RESOURCE, 'Links', 'Links/Sessions'],
  ComputerSystem: RESOURCE,
  CompositionService: RESOURCE,
  ResourceBlock: [...RESOURCE, 'ResourceBlockType', 'CompositionStatus', 'CompositionStatus/CompositionState'],
  Zone: RESOURCE,
  Chassis: [...RESOURCE, 'ChassisType'],
  PCIeDevice: RESOURCE,
  PCIeFunction: RESOURCE,
  CompositionReservation: RESOURCE,
  SessionService: RESOURCE,
  Session: RESOURCE,
  TaskService: RESOURCE,
  Task: RESOURCE,
  Message: ['MessageId'],
  ComputerSystemCollection: COLLECTION,
  ResourceBlockCollection: COLLECTION,
  ZoneCollection: COLLECTION,
  ChassisCollection: COLLECTION,
  PCIeDeviceCollection: COLLECTION,
  PCIeFunctionCollection: COLLECTION,
  CompositionReservationCollection: COLLECTION,
  SessionCollection: COLLECTION,
  TaskCollection: COLLECTION,
};

/** redfish-error v1_0_2: the error object's own required properties. */
export const REQUIRED_IN_ERROR = ['error', 'error/code', 'error/message'] as const;

/** The type name in an `@odata.type` (`#ResourceBlock.v1_4_3.ResourceBlock` → `ResourceBlock`). */
export const typeName = (odataType: string) => odataType.replace(/^#/, '').split('.').at(-1)!;

/** The required paths a body lacks. */
export function missingRequired(body: unknown, required: readonly string[]): string[] {
  return required.filter((path) => {
    let at: unknown = body;
    for (const key of path.split('/')) {
      if (typeof at !== 'object' || at === null || !(key in at)) return true;
      at = (at as Record<string, unknown>)[key];
    }
    return at === undefined || at === null;
  });
}
