// Every refusal the simulator can answer, once. A code is the HTTP status and two digits, as the
// EEM's own "40400" is; docs/eem-simulator.md lists this table and a test keeps the two in step.

export const EEM_ERRORS = {
  malformedJson: { status: 400, code: '40000', title: 'request body is not valid JSON' },
  groupIdMissing: { status: 400, code: '40001', title: 'group_id missing, or neither a string nor null' },
  groupIdMalformed: { status: 400, code: '40002', title: 'group_id is not a decimal number' },
  groupIdOutOfRange: { status: 400, code: '40003', title: 'group_id outside 16-4092' },
  groupIdOtherRole: { status: 400, code: '40004', title: "group_id is the other role's default group" },
  updateTimeMalformed: { status: 400, code: '40005', title: 'update_time is not a string of digits' },
  ledMalformed: { status: 400, code: '40006', title: 'uid_led_status missing or not "on"/"off"' },
  filterMalformed: { status: 400, code: '40007', title: 'a query filter is malformed' },
  requestInvalid: { status: 400, code: '40008', title: 'the request is malformed at the HTTP level' },
  deviceInvalid: { status: 400, code: '40010', title: 'hot-plugged or topology device is invalid' },
  patchInvalid: { status: 400, code: '40011', title: 'PATCH names a field that cannot change, or a bad value' },
  faultInvalid: { status: 400, code: '40012', title: 'fault rule is invalid' },
  credentialsMissing: { status: 401, code: '40100', title: 'no HTTP Basic credentials' },
  credentialsWrong: { status: 401, code: '40101', title: 'wrong user or password' },
  deviceNotFound: { status: 404, code: '40400', title: 'no device with this id' },
  faultNotFound: { status: 404, code: '40401', title: 'no fault rule with this id' },
  routeNotFound: { status: 404, code: '40402', title: 'no such resource' },
  methodNotAllowed: { status: 405, code: '40500', title: 'method not allowed on this resource' },
  staleUpdateTime: { status: 409, code: '40900', title: "update_time is not the device's current one" },
  linkDown: { status: 409, code: '40901', title: "device's link is down" },
  eesvFull: { status: 409, code: '40902', title: 'the EESV of the group already has max_eeio_count EEIOs' },
  groupHasEesv: { status: 409, code: '40903', title: 'the group already has an EESV' },
  groupTooBig: { status: 409, code: '40904', title: "the group holds more EEIOs than the EESV's max_eeio_count" },
  noFreeGroup: { status: 409, code: '40905', title: 'every group id 16-4092 is in use' },
  deviceExists: { status: 409, code: '40906', title: 'a device with this id or MAC address exists' },
  bodyTooLarge: { status: 413, code: '41300', title: 'request body too large' },
  unsupportedMediaType: { status: 415, code: '41500', title: 'request body is not application/json' },
  internal: { status: 500, code: '50000', title: 'internal error of the simulator' },
} as const satisfies Record<string, { status: number; code: string; title: string }>;

export type EemErrorKind = keyof typeof EEM_ERRORS;

/** The `{code, message}` body every EEM error carries. */
export interface EemErrorBody {
  code: string;
  message: string;
}

/** A refusal: its kind fixes the status and code, its message names the device or field. */
export class EemError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(
    readonly kind: EemErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'EemError';
    this.status = EEM_ERRORS[kind].status;
    this.code = EEM_ERRORS[kind].code;
  }

  body(): EemErrorBody {
    return { code: this.code, message: this.message };
  }
}
