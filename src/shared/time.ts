/** Valence writes timestamps as `YYYY-MM-DD HH:MM:SS UTC`; the store keeps ISO 8601, which sorts. */
export function valenceTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
