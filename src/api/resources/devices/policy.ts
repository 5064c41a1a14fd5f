import { reader, type Policy } from '../../rule.js';

export const devicePolicy = {
  'GET /v1/devices': reader,
  'GET /v1/devices/:uuid': reader,
  'POST /v1/devices/:uuid/release': { allow: 'admin', audit: 'device.release' },
  'POST /v1/devices/sync': { allow: 'admin', audit: 'devices.sync' },
} as const satisfies Policy;
