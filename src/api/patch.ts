/**
 * A PATCH: Valence answered `{}` with the resource as it is, so an empty change shows it and
 * touches nothing (not even `updated_at`); any field at all is an update.
 */
export function patchOrShow<T>(changes: object, show: () => Promise<T>, update: () => Promise<T>): Promise<T> {
  return Object.keys(changes).length === 0 ? show() : update();
}
