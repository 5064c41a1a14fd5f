import pino, { type Logger } from 'pino';
import { createLogger } from '../src/service.js';

/**
 * The service's own logger, redaction and all. With TEST_LOG_FILE (scripts/test.sh sets it) every
 * stack logs at debug level into that one file, which the script then searches for the tests'
 * secrets (test/support/leaks.ts); otherwise TEST_LOG_LEVEL (silent by default) on stdout.
 */
export function testLogger(): Logger {
  const file = process.env.TEST_LOG_FILE;
  if (file) return createLogger('debug', false, pino.destination({ dest: file, append: true, sync: true, mkdir: true }));
  return createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', false);
}
