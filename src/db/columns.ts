import { Property } from '@mikro-orm/core';

/** A latitude or longitude in degrees (WGS 84), to six decimals (about 0.1 m); the `near` filter reads it. */
export const Coordinate = () => Property({ type: 'decimal', precision: 9, scale: 6, nullable: true });

/** An ISO 4217 currency code (`CNY`), of the amounts of its row. */
export const CurrencyCode = () => Property({ type: 'string', columnType: 'char(3)' });
