import { Command, InvalidArgumentError, Option } from 'commander';
import { checkDatabase, readConfigFile, SERVE_DEFAULTS, type ServeConfig } from '../../config.js';
import { createLogger, startService } from '../../service.js';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number, got '${v}'`);
  return n;
};

/** Repeated flags add up; a value may list several, comma-separated (the variable's only way). */
function origins(value: string, previous: unknown): string[] {
  const given = value.split(',').map((o) => o.trim()).filter((o) => o !== '');
  return [...(Array.isArray(previous) ? previous : []), ...given];
}

/** Each flag has its `COVALENCE_…` variable; a config file fills what neither sets. */
const OPTIONS: Array<{ key: keyof ServeConfig; flags: string; env: string; help: string; parse?: (v: string, previous: unknown) => unknown }> = [
  { key: 'host', flags: '--host <addr>', env: 'COVALENCE_HOST', help: 'address to listen on' },
  { key: 'port', flags: '--port <n>', env: 'COVALENCE_PORT', help: 'port to listen on', parse: int },
  { key: 'db', flags: '--db <url>', env: 'COVALENCE_DB_URL', help: 'database: sqlite:PATH, or postgres://USER:PASSWORD@HOST:PORT/DB for replicas' },
  { key: 'dbPool', flags: '--db-pool <n>', env: 'COVALENCE_DB_POOL', help: 'PostgreSQL connections per process', parse: int },
  { key: 'lease', flags: '--lease <s>', env: 'COVALENCE_LEASE', help: 'seconds before another replica takes over the unfinished work of one that stopped renewing it', parse: int },
  { key: 'demo', flags: '--demo', env: 'COVALENCE_DEMO', help: 'also run the EEM simulator in-process and register it as pod manager "demo"' },
  { key: 'demoEemPort', flags: '--demo-eem-port <n>', env: 'COVALENCE_DEMO_EEM_PORT', help: 'port of the demo EEM simulator', parse: int },
  { key: 'syncInterval', flags: '--sync-interval <s>', env: 'COVALENCE_SYNC_INTERVAL', help: 'seconds between periodic syncs (0: off)', parse: int },
  { key: 'secretKeyFile', flags: '--secret-key-file <path>', env: 'COVALENCE_SECRET_KEY_FILE', help: 'key that encrypts stored credentials (created on first start)' },
  { key: 'eemConnectTimeout', flags: '--eem-connect-timeout <s>', env: 'COVALENCE_EEM_CONNECT_TIMEOUT', help: 'seconds to connect to an EEM', parse: int },
  { key: 'eemReadTimeout', flags: '--eem-read-timeout <s>', env: 'COVALENCE_EEM_READ_TIMEOUT', help: 'seconds to wait for an EEM answer', parse: int },
  { key: 'operationTimeout', flags: '--operation-timeout <s>', env: 'COVALENCE_OPERATION_TIMEOUT', help: 'seconds one node operation may spend on the EEM, all calls together; then it fails and is undone', parse: int },
  { key: 'undoRetryBase', flags: '--undo-retry-base <s>', env: 'COVALENCE_UNDO_RETRY_BASE', help: 'seconds before a failed undo is tried again (doubling each time)', parse: int },
  { key: 'undoRetryCap', flags: '--undo-retry-cap <s>', env: 'COVALENCE_UNDO_RETRY_CAP', help: 'longest pause between tries of a failed undo, in seconds', parse: int },
  { key: 'removedGrace', flags: '--removed-grace <s>', env: 'COVALENCE_REMOVED_GRACE', help: 'seconds a vanished device stays listed as removed', parse: int },
  { key: 'redfishReservation', flags: '--redfish-reservation <s>', env: 'COVALENCE_REDFISH_RESERVATION', help: 'seconds a Redfish PreviewReserve holds its blocks', parse: int },
  { key: 'eventRetention', flags: '--event-retention <s>', env: 'COVALENCE_EVENT_RETENTION', help: 'seconds events are kept (GET /v1/events, the stream, webhooks)', parse: int },
  { key: 'eventPoll', flags: '--event-poll <s>', env: 'COVALENCE_EVENT_POLL', help: "seconds between looks for other replicas' events", parse: int },
  { key: 'webhookMaxAttempts', flags: '--webhook-max-attempts <n>', env: 'COVALENCE_WEBHOOK_MAX_ATTEMPTS', help: 'tries of one webhook delivery before it goes to the dead letters', parse: int },
  { key: 'webhookRetryBase', flags: '--webhook-retry-base <s>', env: 'COVALENCE_WEBHOOK_RETRY_BASE', help: 'seconds before a failed webhook delivery is retried (doubling each time)', parse: int },
  { key: 'webhookRetryCap', flags: '--webhook-retry-cap <s>', env: 'COVALENCE_WEBHOOK_RETRY_CAP', help: 'longest pause between webhook retries, in seconds', parse: int },
  { key: 'webhookTimeout', flags: '--webhook-timeout <s>', env: 'COVALENCE_WEBHOOK_TIMEOUT', help: 'seconds a webhook receiver may take to answer', parse: int },
  { key: 'webhookDeny', flags: '--webhook-deny <cidrs>', env: 'COVALENCE_WEBHOOK_DENY', help: 'networks webhooks are never delivered to, comma-separated (default: the link-local ones, where clouds serve instance metadata)', parse: origins },
  { key: 'listingDropPercent', flags: '--listing-drop-percent <n>', env: 'COVALENCE_LISTING_DROP_PERCENT', help: 'percent of the known devices a listing may drop before it needs a second, agreeing listing to be applied', parse: int },
  { key: 'listingConfirmDelay', flags: '--listing-confirm-delay <s>', env: 'COVALENCE_LISTING_CONFIRM_DELAY', help: 'seconds after a distrusted listing that a second one may confirm it', parse: int },
  { key: 'shutdownTimeout', flags: '--shutdown-timeout <s>', env: 'COVALENCE_SHUTDOWN_TIMEOUT', help: 'seconds SIGTERM waits for in-flight work', parse: int },
  { key: 'logLevel', flags: '--log-level <level>', env: 'COVALENCE_LOG_LEVEL', help: 'fatal, error, warn, info, debug or trace' },
  { key: 'dataDir', flags: '--data-dir <path>', env: 'COVALENCE_DATA_DIR', help: 'directory for demo state' },
  { key: 'ironicUrl', flags: '--ironic-url <url>', env: 'COVALENCE_IRONIC_URL', help: 'Ironic API, e.g. http://ironic:6385 (with keystone: overrides the catalog)' },
  { key: 'ironicAuth', flags: '--ironic-auth <mode>', env: 'COVALENCE_IRONIC_AUTH', help: 'none, http_basic or keystone' },
  { key: 'ironicUser', flags: '--ironic-user <name>', env: 'COVALENCE_IRONIC_USER', help: 'http_basic user' },
  { key: 'ironicPassword', flags: '--ironic-password <password>', env: 'COVALENCE_IRONIC_PASSWORD', help: 'http_basic password (prefer the variable)' },
  { key: 'ironicDefaultDriver', flags: '--ironic-default-driver <type>', env: 'COVALENCE_IRONIC_DEFAULT_DRIVER', help: 'hardware type when a register names none' },
  { key: 'ironicTimeout', flags: '--ironic-timeout <s>', env: 'COVALENCE_IRONIC_TIMEOUT', help: 'seconds per Ironic request', parse: int },
  { key: 'ironicCaFile', flags: '--ironic-ca-file <pem>', env: 'COVALENCE_IRONIC_CA_FILE', help: "CA bundle for Ironic's and Keystone's TLS" },
  { key: 'ironicInsecure', flags: '--ironic-insecure', env: 'COVALENCE_IRONIC_INSECURE', help: 'skip TLS verification towards Ironic (test setups only)' },
  { key: 'keystoneUrl', flags: '--keystone-url <url>', env: 'COVALENCE_KEYSTONE_URL', help: 'Keystone v3 auth URL' },
  { key: 'keystoneUser', flags: '--keystone-user <name>', env: 'COVALENCE_KEYSTONE_USER', help: "covalence's service user" },
  { key: 'keystonePassword', flags: '--keystone-password <password>', env: 'COVALENCE_KEYSTONE_PASSWORD', help: 'its password (prefer the variable)' },
  { key: 'keystoneProject', flags: '--keystone-project <name>', env: 'COVALENCE_KEYSTONE_PROJECT', help: 'project to scope the token to' },
  { key: 'keystoneUserDomain', flags: '--keystone-user-domain <name>', env: 'COVALENCE_KEYSTONE_USER_DOMAIN', help: "the user's domain" },
  { key: 'keystoneProjectDomain', flags: '--keystone-project-domain <name>', env: 'COVALENCE_KEYSTONE_PROJECT_DOMAIN', help: "the project's domain" },
  { key: 'keystoneRegion', flags: '--keystone-region <name>', env: 'COVALENCE_KEYSTONE_REGION', help: 'catalog region of the baremetal endpoint' },
  { key: 'auth', flags: '--auth <mode>', env: 'COVALENCE_AUTH', help: 'noauth (every caller an admin; loopback only), token or keystone' },
  { key: 'insecureNoauth', flags: '--insecure-noauth', env: 'COVALENCE_INSECURE_NOAUTH', help: 'allow --auth noauth on an address other than loopback' },
  { key: 'keystoneCacheTtl', flags: '--keystone-cache-ttl <s>', env: 'COVALENCE_KEYSTONE_CACHE_TTL', help: "seconds Keystone's answer about a token is reused", parse: int },
  { key: 'tlsCert', flags: '--tls-cert <pem>', env: 'COVALENCE_TLS_CERT', help: 'certificate (chain) for HTTPS; with --tls-key' },
  { key: 'tlsKey', flags: '--tls-key <pem>', env: 'COVALENCE_TLS_KEY', help: 'private key for HTTPS' },
  { key: 'eemProbeInterval', flags: '--eem-probe-interval <s>', env: 'COVALENCE_EEM_PROBE_INTERVAL', help: 'seconds between the checks of each EEM that /readyz shows (0: off)', parse: int },
  { key: 'pciIds', flags: '--pci-ids <path>', env: 'COVALENCE_PCI_IDS', help: 'PCI ID database naming devices (default: hwdata\'s pci.ids)' },
  { key: 'eemCaFile', flags: '--eem-ca-file <pem>', env: 'COVALENCE_EEM_CA_FILE', help: "CA bundle for the EEMs' TLS (default: the system's)" },
  { key: 'corsOrigin', flags: '--cors-origin <origin>', env: 'COVALENCE_CORS_ORIGIN', help: 'a browser origin allowed to call the API (repeatable, or comma-separated); none by default', parse: origins },
  { key: 'bodyLimit', flags: '--body-limit <bytes>', env: 'COVALENCE_BODY_LIMIT', help: 'largest request body accepted', parse: int },
];

export function serveCommand(): Command {
  const cmd = new Command('serve').description('Run the covalence API (Valence v1 compatible)');
  for (const o of OPTIONS) {
    const option = new Option(o.flags, o.help).env(o.env).default(SERVE_DEFAULTS[o.key]);
    if (o.parse) option.argParser(o.parse);
    cmd.addOption(option);
  }
  cmd.addOption(new Option('--config <file>', 'JSON file with the same settings (camelCase keys)').env('COVALENCE_CONFIG'));
  cmd.action(async (opts: ServeConfig & { config?: string }) => {
    const config = resolve(cmd, opts);
    const log = createLogger(config.logLevel, process.stdout.isTTY);
    const service = await startService(config, log);
    let stopping = false;
    // Stop accepting, let in-flight requests and their fabric operations finish, stop the sync
    // scheduler, close the store. A second signal, or the timeout, exits at once: the journal
    // lets the next start finish or undo what was cut short.
    const stop = async (signal: string) => {
      if (stopping) {
        log.warn({ signal }, 'second signal: exiting now, recovery will settle unfinished work');
        process.exit(1);
      }
      stopping = true;
      log.info({ signal, timeout_s: config.shutdownTimeout }, 'shutting down');
      setTimeout(() => {
        log.error('shutdown timed out: exiting, recovery will settle unfinished work');
        process.exit(1);
      }, config.shutdownTimeout * 1000).unref();
      await service.close();
      log.info('stopped');
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
  });
  return cmd;
}

/** Flags and variables win over the config file, which wins over the defaults. */
function resolve(cmd: Command, opts: ServeConfig & { config?: string }): ServeConfig {
  const fromFile = opts.config ? readConfigFile(opts.config) : {};
  const config = { ...SERVE_DEFAULTS };
  for (const { key } of OPTIONS) {
    const source = cmd.getOptionValueSource(key);
    const value = source === 'default' && key in fromFile ? fromFile[key] : opts[key];
    const flag = typeof SERVE_DEFAULTS[key] === 'boolean';
    (config as Record<string, unknown>)[key] = flag ? value === true || value === 'true' || value === '1' : value;
  }
  checkDatabase(config);
  return config;
}
