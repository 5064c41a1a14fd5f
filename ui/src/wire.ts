// The public v1 API as the console sees it. The console may import nothing of the server's: every
// type here is read from openapi.gen.ts, which `npm run build:ui` generates from /v1/openapi.json
// (test/ui/openapi.test.ts fails when it is stale), so a wire change the console does not follow
// fails to compile.
import type { Paths, Schemas } from './openapi.gen';

/** The success answer of `method path`. */
type Answer<P extends keyof Paths, M extends keyof Paths[P]> = Paths[P][M] extends { ok: infer T } ? T : never;
/** The request body of `method path`. */
type Body<P extends keyof Paths, M extends keyof Paths[P]> = Paths[P][M] extends { body?: infer T } ? T : never;

export type PodManager = Answer<'/v1/pod_managers/{uuid}', 'get'>;
export type DeviceBrief = Answer<'/v1/devices', 'get'>[number];
export type DeviceDetail = Answer<'/v1/devices/{uuid}', 'get'>;
export type DeviceType = NonNullable<DeviceBrief['type']>;
export type DeviceState = DeviceBrief['state'];
export type System = Answer<'/v1/systems/{id}', 'get'>;
export type NodeBrief = Answer<'/v1/nodes', 'get'>[number];
export type NodeDetail = Answer<'/v1/nodes/{uuid}', 'get'>;
export type NodeRecord = Answer<'/v1/nodes/{uuid}/register', 'post'>;
export type ComposePlan = Extract<Answer<'/v1/nodes', 'post'>, { dry_run: true }>;
export type Flavor = Answer<'/v1/flavors/{uuid}', 'get'>;
export type SyncReport = Answer<'/v1/devices/sync', 'post'>[number];
/** Valence's error body; every 4xx/5xx of the API has this shape. */
export type ValenceErrorBody = Schemas['ValenceError'];
type RegisterTarget = NonNullable<Body<'/v1/nodes/{uuid}/register', 'post'>['provision_state']>;

/**
 * Every member of the union `T`, in the order the console shows them: a list that misses a member,
 * or names one the document does not know, does not compile.
 */
const everyOf = <T extends string>() =>
  <const L extends readonly T[]>(values: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })): L => values;

export const DEVICE_TYPES = everyOf<DeviceType>()(['NIC', 'SSD', 'GPU', 'Multi', 'USB', 'ACS', 'SWITCH', 'Unknown']);
export const DEVICE_STATES = everyOf<DeviceState>()(['free', 'allocated', 'offline', 'removed', 'orphaned']);
export const REGISTER_TARGETS = everyOf<RegisterTarget>()(['manageable', 'available']);
