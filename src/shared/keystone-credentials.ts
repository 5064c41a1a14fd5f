/** A project-scoped Keystone v3 password login: who covalence is to Keystone (for Ironic, and to check callers' tokens). */
export interface KeystoneCredentials {
  /** Keystone's base URL, with or without the trailing `/v3`. */
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
  userDomainName: string;
  projectDomainName: string;
}
