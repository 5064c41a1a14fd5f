import { Type, type TSchema } from '@sinclair/typebox';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

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
  return { ...ok, 400: ref, 404: ref, 409: ref, 502: ref, 503: ref, 504: ref } as R & Record<400 | 404 | 409 | 502 | 503 | 504, typeof ref>;
}

export const UuidParams = Type.Object({ uuid: Type.String({ minLength: 1, maxLength: 128 }) });

/** `?flag=true|false`: query strings are not coerced, so booleans are spelled out. */
export const QueryFlag = Type.Union([Type.Literal('true'), Type.Literal('false')]);
