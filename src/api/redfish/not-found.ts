import { BASE, RedfishError } from './errors.js';

/** `Base.ResourceNotFound` [type, name]: the resource a route was asked for does not exist. */
export function notFound(type: string, name: string): RedfishError {
  return new RedfishError(404, `${BASE}.ResourceNotFound`, `The ${type} '${name}' does not exist.`, [type, name]);
}
