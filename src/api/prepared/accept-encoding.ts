/** The encodings covalence answers in, best first. */
export const ENCODINGS = ['br', 'gzip', 'identity'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/**
 * The best encoding the client accepts (RFC 9110 §12.5.3): brotli, then gzip, else identity. A
 * coding with `q=0` is refused; `*` accepts any coding not named.
 */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (coding) weights.set(coding, q === undefined ? 1 : Number(q));
  }
  const any = weights.get('*') ?? 0;
  return ENCODINGS.find((e) => e !== 'identity' && (weights.get(e) ?? any) > 0) ?? 'identity';
}
