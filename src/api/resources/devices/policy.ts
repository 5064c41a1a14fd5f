import { reader, type Policy } from '../../rule.js';

export const devicePolicy = {
  'GET /v1/devices': reader,
  'GET /v1/devices/:uuid': reader,
  'PATCH /v1/devices/:uuid': { allow: 'admin', audit: 'device.update' },
  'POST /v1/devices/:uuid/action': { allow: 'admin', audit: 'device.locate' },
  'POST /v1/devices/:uuid/release': { allow: 'admin', audit: 'device.release' },
  'POST /v1/devices/sync': { allow: 'admin', audit: 'devices.sync' },
} as const satisfies Policy;
