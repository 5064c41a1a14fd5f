/**
 * How to reach Ironic: plain data, filled by the CLI (`--ironic-url`, `--ironic-auth`, ...) and the
 * environment (`COVALENCE_IRONIC_URL`, `COVALENCE_IRONIC_AUTH`, ...); nothing here reads either.
 */

import type { KeystoneCredentials } from '../../shared/keystone-credentials.js';

export interface NoAuth {
  type: 'none';
}

/** Ironic's `auth_strategy = http_basic` (an htpasswd file on the Ironic side). */
export interface HttpBasicAuth {
  type: 'http_basic';
  username: string;
  password: string;
}

/** Keystone v3 password auth, project-scoped; Ironic's URL comes from the catalog unless `url` is set. */
export interface KeystoneAuth extends KeystoneCredentials {
  type: 'keystone';
  /** Catalog region of the baremetal endpoint; any region when absent. */
  region?: string;
}

export const IRONIC_AUTH_TYPES = ['none', 'http_basic', 'keystone'] as const satisfies ReadonlyArray<
  (NoAuth | HttpBasicAuth | KeystoneAuth)['type']
>;
export type IronicAuthType = (typeof IRONIC_AUTH_TYPES)[number];

/** Without Keystone there is no catalog, so the URL is required. */
export type IronicEndpointConfig = { url: string; auth: NoAuth | HttpBasicAuth } | { url?: string; auth: KeystoneAuth };

export type IronicConfig = IronicEndpointConfig & {
  /** Hardware type when a register names none: `ipmi`. */
  defaultDriver: string;
  /** Per HTTP request: connect, wait for headers, gaps in the body. */
  timeoutMs: number;
  /** How long register waits for `manage`/`provide` to finish (default 120 s; `ipmi` power checks can take 70 s). */
  stateWaitMs?: number;
  /** PEM file of the CA that signed Ironic's and Keystone's certificates. */
  caFile?: string;
  /** Skip TLS certificate checks (test setups only). */
  insecure?: boolean;
  /** Also mirror attached device types into traits `CUSTOM_COVALENCE_<TYPE>`, so Nova flavors can ask for them. */
  deviceTraits?: boolean;
};
