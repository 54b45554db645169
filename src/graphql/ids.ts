import { badInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where ids are encoded: one buffer, reused (an id is made for every row read). */
const scratch = Buffer.allocUnsafe(512);

/** Opaque global id of an object: base64url of "Type:uuid". */
export function toGlobalId(type: string, uuid: string): string {
  if (3 * (type.length + uuid.length) + 1 > scratch.length) {
    return Buffer.from(`${type}:${uuid}`).toString('base64url');
  }
  let n = scratch.write(type, 0);
  scratch[n++] = 0x3a; // ':'
  n += scratch.write(uuid, n);
  return scratch.toString('base64url', 0, n);
}

/** Decodes a global id; null when it is not one of ours. */
export function parseGlobalId(id: string): { type: string; uuid: string } | null {
  const raw = Buffer.from(id, 'base64url').toString('utf8');
  const sep = raw.indexOf(':');
  if (sep <= 0) return null;
  const type = raw.slice(0, sep);
  const uuid = raw.slice(sep + 1);
  if (!/^[A-Za-z]+$/.test(type) || !UUID.test(uuid)) return null;
  return { type, uuid };
}

/** Decodes a global id that must name an object of `type`; a clear BAD_USER_INPUT otherwise. */
export function expectGlobalId(id: string, type: string, field = 'id'): string {
  const parsed = parseGlobalId(id);
  if (!parsed || parsed.type !== type) {
    throw badInput(`"${id}" is not the id of a ${type}`, { field });
  }
  return parsed.uuid;
}
