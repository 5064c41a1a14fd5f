import { Type, type SchemaOptions, type Static, type StringOptions, type TOptional, type TProperties, type TSchema, type TString } from '@sinclair/typebox';

// Building blocks of every resource's schemas (resources/*/schemas.ts).

// Closed lists become `enum`s and nullable strings `type: [string, null]`: the serializer then writes
// them directly, where a union (anyOf) makes it validate every value to pick a branch, and a
// validation error then names the allowed values.

/** One of a declared list (see shared/vocabulary.ts). */
export const StringEnum = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const NullableEnum = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number] | null>({ type: ['string', 'null'], enum: [...values, null] });

export const Nullable = <T extends TString>(t: T) => Type.Unsafe<Static<T> | null>({ ...t, type: ['string', 'null'] });

/**
 * Text people name and describe things with holds no control characters (C0 and C1: NUL, newlines,
 * the ESC of ANSI sequences), line separators or bidirectional overrides: they would act on an
 * admin's terminal, log or table. validation-messages.ts recognises the pattern and says so.
 */
export const PLAIN_TEXT = '^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*$';
export const PlainText = (options: StringOptions = {}) => Type.String({ ...options, pattern: PLAIN_TEXT });
export const Name = PlainText({ minLength: 1, maxLength: 255 });
export const Description = PlainText({ maxLength: 1024 });

/** Valence's timestamp text, `YYYY-MM-DD HH:MM:SS UTC`. */
export const Timestamp = Type.String({ description: 'UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC', examples: ['2018-04-20 04:40:01 UTC'] });

export const Uuid = Type.String({ description: 'a uuid' });

export const ErrorBody = Type.Object({
  request_id: Type.String(),
  code: Type.String(),
  status: Type.Integer(),
  title: Type.String(),
  detail: Type.String(),
}, { $id: 'ValenceError', description: "Valence's error body" });

export const Confirmation = Type.Object({
  request_id: Type.String(),
  code: Type.String(),
  detail: Type.String(),
}, { description: "Valence's confirmation body (deletes)" });

/** Error answers every route may give, for the OpenAPI document. */
export function withErrors<R extends Record<number, TSchema>>(ok: R) {
  const ref = Type.Ref('ValenceError');
  return { 400: ref, 401: ref, 403: ref, 404: ref, 409: ref, 413: ref, 502: ref, 503: ref, 504: ref, ...ok } as R & Record<400 | 401 | 403 | 404 | 409 | 413 | 502 | 503 | 504, typeof ref>;
}

export const UuidParams = Type.Object({ uuid: Type.String({ minLength: 1, maxLength: 128 }) });

/** `?name=`: the lookup the CLI resolves names through (flavors and pod managers). */
export const NameQuery = Type.Object({ name: Type.Optional(Type.String({ description: 'only those with this name' })) }, { additionalProperties: false });

/** `?flag=true|false`: query strings are not coerced, so booleans are spelled out. */
export const QueryFlag = StringEnum(['true', 'false']);

/** One of the one-field objects that `fields` allows: `{attach: …} | {detach: …}`. */
export type OneOf<F extends TProperties> = { [K in keyof F]: { [P in K]: Static<F[P]> } }[keyof F];

/**
 * An object with exactly one of `fields`: the validator checks it with min/maxProperties (so that an
 * error names the field, where an anyOf would not), and the handler gets the union it then is.
 */
export function ExactlyOne<F extends TProperties>(fields: F) {
  const optional = Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, Type.Optional(schema)])) as { [K in keyof F]: TOptional<F[K]> };
  return Type.Unsafe<OneOf<F>>(Type.Object(optional, { additionalProperties: false, minProperties: 1, maxProperties: 1 }));
}
