import { computed } from '@preact/signals';
import { live } from './live';
import type { DeviceDetail } from './wire';

// The pool is read with `?detail=true`: MAC, vendor and device names come with every refresh in the
// one listing (revalidated with its ETag by the browser), never fetched device by device.
export const details = computed<ReadonlyMap<string, DeviceDetail>>(() => new Map((live.value?.devices ?? []).map((d) => [d.uuid, d])));
