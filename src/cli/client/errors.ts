// Failures a client verb reports. main.ts prints the message and maps the class to an exit code:
// UsageError → 2 (like commander's own usage errors), everything else → 1.

/** The API answered with an error; `detail` is the Valence error body's sentence. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number, readonly title: string, readonly detail: string) {
    super(`${detail} (HTTP ${status} ${title})`);
  }
}

/** No answer at all: the message names the URL so a wrong endpoint is obvious. */
export class Unreachable extends Error {
  override name = 'Unreachable';
  constructor(readonly url: string, reason: string) {
    super(`cannot reach covalence at ${url}: ${reason} (is 'covalence serve' running there? set --url or COVALENCE_URL)`);
  }
}

/** Bad input that only shows after parsing (a missing password, an unknown column, clashing flags). */
export class UsageError extends Error {
  override name = 'UsageError';
}
