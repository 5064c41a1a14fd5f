import { existsSync, readFileSync } from 'node:fs';
import { EEM_PASSWORD, EEM_USER } from '../../support/stack.js';

/** covalence's own Keystone user (`--keystone-password`) in the security tests. */
export const KEYSTONE_SERVICE_PASSWORD = 'covalence-auth-2718';
/** The demo project's users (scripts/keystone.sh) in the security tests. */
export const KEYSTONE_DEMO_PASSWORD = 'demo-auth-5772';
/** A BMC password sent in a register body. */
export const BMC_PASSWORD = 'bmc-Secret-8128';
/** Ironic's http_basic password (`--ironic-password`) in the security tests. */
export const IRONIC_PASSWORD = 'ironic-basic-4669';

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

/** Every credential the tests hand to covalence: none may ever be written to a log. */
export const KNOWN_SECRETS: readonly string[] = [
  EEM_PASSWORD, basic(EEM_USER, EEM_PASSWORD),
  KEYSTONE_SERVICE_PASSWORD, KEYSTONE_DEMO_PASSWORD, BMC_PASSWORD, IRONIC_PASSWORD,
  'basic-pw-3141', 'covalence-ks-1618', // test/provision's Ironic and Keystone passwords
];

/** The secrets found in a log, each with the first line that holds it. */
export function leaksIn(log: string, secrets: readonly string[] = KNOWN_SECRETS): string[] {
  const lines = log.split('\n');
  return secrets.flatMap((s) => {
    const line = lines.find((l) => l.includes(s));
    return line === undefined ? [] : [`${s} in: ${line.slice(0, 300)}`];
  });
}

/** scripts/test.sh, after the suite: exit status 1 when the suite's log holds a known secret. */
export function checkLogFile(path: string | undefined): boolean {
  if (!path || !existsSync(path)) {
    process.stderr.write('log check: no TEST_LOG_FILE to check\n');
    return false;
  }
  const log = readFileSync(path, 'utf8');
  const found = leaksIn(log);
  const lines = log.split('\n').length - 1;
  if (found.length === 0) process.stdout.write(`log check: ${lines} log lines of the suite hold none of ${KNOWN_SECRETS.length} known secrets\n`);
  else process.stderr.write(`log check: secrets written to the log ${path}:\n${found.join('\n')}\n`);
  return found.length === 0 && lines > 0;
}
