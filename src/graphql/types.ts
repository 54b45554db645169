import { Field, Float, ID, Int, InterfaceType } from 'type-graphql';
import type { Row } from '../data/table.js';
import { ObjectType } from './object-type.js';
import { DecimalScalar } from './scalars.js';

/** Relay's object identification: anything with a global id can be fetched again by `node(id:)`. */
@InterfaceType({
  description: 'An object with an opaque, stable global id; fetch it again with `node(id:)`.',
  resolveType: (value: Row) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id.' })
  id: string;
}

/** An amount of money: an exact decimal and its currency. */
@ObjectType({ description: 'An amount of money: exact decimal (string on the wire) and ISO 4217 currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'Exact amount, e.g. "2000000.00".' })
  amount: string;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. CNY.' })
  currency: string;
}

export const money = (amount: unknown, currency: unknown = 'CNY'): Money | null =>
  amount === null || amount === undefined
    ? null
    : { amount: String(amount), currency: String(currency).trim() };

/** A point on the map (WGS 84). */
@ObjectType({ description: 'A point on the map, WGS 84 degrees.' })
export class GeoPoint {
  @Field(() => Float, { description: 'Latitude in degrees.' })
  lat: number;

  @Field(() => Float, { description: 'Longitude in degrees.' })
  lng: number;
}

export const geoPoint = (row: Row): GeoPoint | null =>
  row.lat == null || row.lng == null ? null : { lat: Number(row.lat), lng: Number(row.lng) };

/** Base of the domain's object types: a Node with the version writes are based on. */
@InterfaceType('Versioned', {
  implements: Node,
  description:
    'An object that is changed with optimistic concurrency: updates carry the version they were based on.',
  resolveType: (value: Row) => value.__typename,
})
export abstract class VersionedNode extends Node {
  @Field(() => Int, {
    description:
      'Version of the object; send it with an update, which fails with CONFLICT if someone changed the object since.',
  })
  version: number;
}

/**
 * The object type of a domain entity: a `Versioned` `Node` (its `id` and `version` fields come from
 * the interfaces), named after its class unless `name` is given.
 */
export function VersionedObjectType(description: string, name?: string): ClassDecorator {
  const options = { implements: [Node, VersionedNode], description };
  return name ? ObjectType(name, options) : ObjectType(options);
}
