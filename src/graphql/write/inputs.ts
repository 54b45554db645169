import { type ClassType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError, UserErrorCode } from '../payload.js';
import type { Writer } from './mutation.js';

/** Changes to a bilingual name and description (inherited by update inputs). */
@InputType('NameChangesBase', { description: 'Changes to a bilingual name and description.' })
export abstract class NameChanges {
  @Field(() => String, { nullable: true, description: 'Chinese name.' })
  nameZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Chinese description; null clears it.' })
  descriptionZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English description; null clears it.' })
  descriptionEn?: string | null;
}

/** Bilingual name and description of a new object (inherited by create inputs). */
@InputType('NewNamesBase', { description: 'Bilingual name and description of a new object.' })
export abstract class NewNames {
  @Field(() => String, { description: 'Chinese name.' })
  nameZh: string;
  @Field(() => String, { description: 'English name.' })
  nameEn: string;
  @Field(() => String, { nullable: true, description: 'Chinese description.' })
  descriptionZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English description.' })
  descriptionEn?: string | null;
}

@InputType({ description: 'Which object to archive, and the version the decision was based on.' })
export class ArchiveInput {
  @Field(() => ID, { description: 'Global id of the object.' })
  id: string;

  @Field(() => Int, {
    description: 'The version you last read; a newer one means someone changed it since (CONFLICT).',
  })
  version: number;
}

@InputType({ description: 'A point on the map, WGS 84 degrees.' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  lat: number;

  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  lng: number;
}

/** Names and descriptions of an object, changed by themselves. */
@InputType({ description: 'Changes to the names and descriptions of a region or theme .' })
export class UpdateNamedInput extends NameChanges {
  @Field(() => ID, { description: 'The region or theme.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
}

/** The payload type of mutations on `Node`: `{ <key>: Node, userErrors }`. */
export function PayloadOf<T extends object>(Node: ClassType<T>, name: string, key: string) {
  @ObjectType(`${name}Payload`, { description: `Result of a change to a ${name}.` })
  class Payload {
    @Field(() => Node, {
      name: key,
      nullable: true,
      description: `The ${name} as it is after the change; null when refused.`,
    })
    node: T | null;

    @Field(() => [UserError], {
      description: 'What the user must fix; nothing was written when there is any.',
    })
    userErrors: UserError[];
  }
  return Payload;
}

/** Text checks shared by inputs: trimmed, not empty when given, not too long. */
export function checkText(
  w: Writer,
  field: string[],
  value: string | null | undefined,
  options: { required?: boolean; max?: number } = {},
) {
  if (value === undefined || value === null) {
    if (options.required) w.fail(field, UserErrorCode.REQUIRED, `${field.at(-1)} is required`);
    return value ?? undefined;
  }
  const text = value.trim();
  if (options.required && !text) w.fail(field, UserErrorCode.REQUIRED, `${field.at(-1)} must not be empty`);
  if (text.length > (options.max ?? 200))
    w.fail(field, UserErrorCode.INVALID, `${field.at(-1)} is longer than ${options.max ?? 200} characters`);
  return text;
}

/** Coordinates as exact decimals for the numeric(9,6) columns, after range checks. */
export function checkLocation(
  w: Writer,
  field: string[],
  point: GeoPointInput | null | undefined,
): { lat: string | null; lng: string | null } | undefined {
  if (point === undefined) return undefined;
  if (point === null) return { lat: null, lng: null };
  if (!(point.lat >= -90 && point.lat <= 90))
    w.fail([...field, 'lat'], UserErrorCode.INVALID, 'lat must be between -90 and 90');
  if (!(point.lng >= -180 && point.lng <= 180))
    w.fail([...field, 'lng'], UserErrorCode.INVALID, 'lng must be between -180 and 180');
  return { lat: point.lat.toFixed(6), lng: point.lng.toFixed(6) };
}

/** A date (YYYY-MM-DD) that cannot lie in the future (arrivals, elections, signings). */
export function checkNotFuture(w: Writer, field: string[], date: string | null | undefined) {
  if (date && date > new Date().toISOString().slice(0, 10)) {
    w.fail(field, UserErrorCode.INVALID, `${field.at(-1)} cannot be in the future`);
  }
  return date;
}

/** The input fields actually given (GraphQL leaves absent ones undefined; null means "clear"). */
export function given<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** How one input field is checked and stored; `default`: its value when a new object's input leaves it out. */
export type FieldRule = (
  | { kind: 'text'; required?: boolean; max?: number }
  /** An e-mail address (trimmed, at most `max` characters, 200 by default; `lowerCase`: stored so). */
  | { kind: 'email'; required?: boolean; max?: number; lowerCase?: boolean }
  | { kind: 'date'; required?: boolean; notFuture?: boolean }
  /** `digits`: digits before the point the column holds (numeric(8, 2): 6; default 14, numeric(16, 2)). */
  | { kind: 'decimal'; required?: boolean; positive?: boolean; digits?: number }
  | { kind: 'int'; required?: boolean; min?: number }
  | { kind: 'url'; required?: boolean }
  /** A list of distinct values (a set, such as a union's facilities): each at most once. */
  | { kind: 'set'; required?: boolean }
  | { kind: 'value'; required?: boolean }
) & { default?: unknown };

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const DECIMAL = /^(\d+)(\.\d{1,2})?$/;

/**
 * Copies the given fields of `input` onto `entity` after checking them by `rules` (absent fields
 * stay; null clears an optional one). On create, required fields must be present (or have a default).
 */
export function applyFields(
  w: Writer,
  entity: object,
  input: Record<string, unknown>,
  rules: Record<string, FieldRule>,
  creating: boolean,
) {
  const target = entity as Record<string, unknown>;
  for (const [key, rule] of Object.entries(rules)) {
    const field = ['input', key];
    let value = input[key];
    if (value === undefined && creating && 'default' in rule) value = rule.default;
    if (value === undefined && !creating) continue;
    if (value === undefined || value === null) {
      if (rule.required) w.fail(field, UserErrorCode.REQUIRED, `${key} is required`);
      else if (!creating) target[key] = null;
      continue;
    }
    switch (rule.kind) {
      case 'text':
        value = checkText(w, field, value as string, rule);
        break;
      case 'email':
        value = checkText(w, field, value as string, rule);
        if (value && !EMAIL.test(value as string))
          w.fail(field, UserErrorCode.INVALID, `"${value}" is not an e-mail address`);
        else if (rule.lowerCase) value = (value as string | undefined)?.toLowerCase();
        break;
      case 'date':
        if (rule.notFuture) checkNotFuture(w, field, value as string);
        break;
      case 'decimal': {
        const whole = DECIMAL.exec(String(value))?.[1];
        const digits = rule.digits ?? 14;
        if (whole === undefined)
          w.fail(
            field,
            UserErrorCode.INVALID,
            `${key} must be a non-negative amount with at most 2 decimals`,
          );
        else if (whole.replace(/^0+(?=\d)/, '').length > digits)
          w.fail(
            field,
            UserErrorCode.INVALID,
            `${key} must be less than ${(10n ** BigInt(digits)).toLocaleString('en')}`,
          );
        else if (rule.positive && Number(value) <= 0)
          w.fail(field, UserErrorCode.INVALID, `${key} must be more than 0`);
        break;
      }
      case 'int':
        if ((value as number) < (rule.min ?? 0))
          w.fail(field, UserErrorCode.INVALID, `${key} must be at least ${rule.min ?? 0}`);
        break;
      case 'url':
        if (!/^https?:\/\/\S+$/.test(String(value)))
          w.fail(field, UserErrorCode.INVALID, `${key} must be an http(s) URL`);
        break;
      case 'set':
        if (new Set(value as unknown[]).size !== (value as unknown[]).length)
          w.fail(field, UserErrorCode.INVALID, `${key} lists a value more than once`);
        break;
      case 'value':
        break;
    }
    target[key] = value;
  }
}

/** Bilingual name and description rules (NamedEntity). */
export const NAME_FIELDS: Record<string, FieldRule> = {
  nameZh: { kind: 'text', required: true },
  nameEn: { kind: 'text', required: true },
  descriptionZh: { kind: 'text', max: 4000 },
  descriptionEn: { kind: 'text', max: 4000 },
};
