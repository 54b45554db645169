import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { type ClassType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { getOrMake } from '../../lib/maps.js';
import { ObjectType } from '../object-type.js';
import { UserError, UserErrorCode } from '../payload.js';
import type { RefTarget, Writer } from './mutation.js';

/**
 * How an input field is given: with the rule the write path checks and copies it by (`FieldRule`,
 * read by a write spec from its `input` through `fieldRulesOf`); or as a reference (`ref`, read
 * through `refsOf`); or, for a field the module's write reads itself (a location, a password), only
 * whether it is required.
 */
export type Given = FieldRule | { required?: boolean; ref?: RefOptions | true };

/**
 * How an input names the object a to-one relation points to: `<relation>Id`, a global id (or
 * `<relation>Code` with `by: 'code'`). What it points to, and whether it is required, are the
 * relation's (the entity's metadata); `accept` and `notFound` narrow it (a town among regions).
 */
export type RefOptions = Pick<RefTarget, 'by' | 'accept' | 'notFound'>;

/** What `@Field` takes as a type: `() => String`, `() => [UnionFacility]`, … */
type ReturnTypeFunc = NonNullable<Parameters<typeof Field>[0]>;

/** A class, abstract or not (input classes such as `NewNames` are). */
type AnyClass<T = object> = abstract new () => T;

/** An input field as `InputField` declared it: what `UpdateInputOf` and `fieldRulesOf` read. */
interface DeclaredField {
  name: string;
  type: ReturnTypeFunc;
  description: string;
  rule?: FieldRule;
  ref?: RefOptions;
}

/** The fields `InputField` declared, by the class that declares them (inherited ones: its parents'). */
const declared = new WeakMap<object, DeclaredField[]>();

/** The declared fields of `Class` and of the classes it extends, parents' first. */
function declaredFieldsOf(Class: object | null): DeclaredField[] {
  if (!Class || Class === Function.prototype) return [];
  return [...declaredFieldsOf(Object.getPrototypeOf(Class)), ...(declared.get(Class) ?? [])];
}

/**
 * An input field, said once: its GraphQL type, its description and how it is given. It is non-null
 * when required (and without a default); the update input derived from the class (`UpdateInputOf`)
 * has it as an optional change, and the write spec checks it by its rule (`fieldRulesOf`). A
 * `deprecationReason` marks it `@deprecated` (type-graphql drops it from inherited input fields, so
 * an update input derived by `UpdateInputOf` states the field again to keep it).
 */
export function InputField(
  type: ReturnTypeFunc,
  description: string,
  given: Given = {},
  { deprecationReason }: { deprecationReason?: string } = {},
): PropertyDecorator {
  return (prototype, key) => {
    const nullable = !given.required || 'default' in given;
    Field(type, { nullable, description, deprecationReason })(prototype, key);
    const fields = getOrMake(declared, prototype.constructor, () => []);
    const ref = 'ref' in given && given.ref ? { ref: given.ref === true ? {} : given.ref } : {};
    fields.push({ name: String(key), type, description, ...('kind' in given ? { rule: given } : ref) });
  };
}

/**
 * The field rules of an input class, for a write spec's `fields`, in the order they are checked:
 * the class's own required fields, the inherited ones (names), then its other fields.
 */
export function fieldRulesOf(Input: AnyClass): Record<string, FieldRule> {
  const own = declared.get(Input) ?? [];
  const ordered = [
    ...own.filter((f) => f.rule?.required),
    ...declaredFieldsOf(Object.getPrototypeOf(Input)),
    ...own.filter((f) => !f.rule?.required),
  ];
  return Object.fromEntries(ordered.flatMap((f) => (f.rule ? [[f.name, f.rule]] : [])));
}

/**
 * The to-one relations an input class sets (fields declared with `ref`), by relation: `townId` sets
 * `town`, `regionCode` (`by: 'code'`) `region`.
 */
export function refsOf(Input: AnyClass): Record<string, RefOptions> {
  return Object.fromEntries(
    declaredFieldsOf(Input).flatMap((f) => (f.ref ? [[f.name.replace(/(Id|Code)$/, ''), f.ref]] : [])),
  );
}

/** The head of an input that changes an object: which object, and the version the change is based on. */
@InputType('VersionedRefBase', { description: 'An object, and the version a change was based on.' })
export abstract class VersionedRef {
  @InputField(() => ID, 'Global id of the object.', { required: true })
  id: string;
  @InputField(() => Int, 'The version you last read (CONFLICT when someone changed it since).', {
    required: true,
  })
  version: number;
}

/**
 * The changes to an object a create input makes: a `VersionedRef` head, then every field of
 * `Create` but `omit` (the references an object keeps for good, such as a house's village) as an
 * optional change, with its type and description. The module names it and may add fields:
 * `@InputType(…) class UpdateXInput extends UpdateInputOf(CreateXInput, ['villageId']) {}`.
 */
export function UpdateInputOf<C extends object, O extends keyof C & string = never>(
  Create: AnyClass<C>,
  omit: readonly O[] = [],
) {
  @InputType(`${Create.name}Changes`)
  abstract class Changes extends VersionedRef {}
  for (const field of declaredFieldsOf(Create)) {
    if ((omit as readonly string[]).includes(field.name)) continue;
    Field(field.type, { nullable: true, description: field.description })(Changes.prototype, field.name);
  }
  return Changes as abstract new () => VersionedRef & { [K in Exclude<keyof C, O>]?: C[K] | null };
}

/** Bilingual name and description of a new object (inherited by create inputs). */
@InputType('NewNamesBase', { description: 'Bilingual name and description of a new object.' })
export abstract class NewNames {
  @InputField(() => String, 'Chinese name.', { kind: 'text', required: true })
  nameZh: string;
  @InputField(() => String, 'English name.', { kind: 'text', required: true })
  nameEn: string;
  @InputField(() => String, 'Chinese description; null clears it.', { kind: 'text', max: 4000 })
  descriptionZh?: string | null;
  @InputField(() => String, 'English description; null clears it.', { kind: 'text', max: 4000 })
  descriptionEn?: string | null;
}

@InputType({ description: 'Which object to archive, and the version the decision was based on.' })
export class ArchiveInput extends VersionedRef {}

@InputType({ description: 'A link to remove (a ProjectRole, ProjectPartner or UnionMembership).' })
export class RemoveLinkInput {
  @InputField(() => ID, 'Global id of the link.', { required: true })
  id: string;
}

@InputType({ description: 'A point on the map, WGS 84 degrees.' })
export class GeoPointInput {
  @InputField(() => Float, 'Latitude, -90 to 90.', { required: true })
  lat: number;
  @InputField(() => Float, 'Longitude, -180 to 180.', { required: true })
  lng: number;
}

/** Names and descriptions of an object, changed by themselves. */
@InputType({ description: 'Changes to the names and descriptions of a region or theme.' })
export class UpdateNamedInput extends UpdateInputOf(NewNames) {}

/**
 * The payload type of mutations on `Node` (GraphQL type `name`): `{ <key>: Node, userErrors }`, the
 * key being the type's name in lower camel case unless given.
 */
export function PayloadOf<T extends object>(
  Node: ClassType<T>,
  name: string,
  key = name[0]!.toLowerCase() + name.slice(1),
) {
  @ObjectType(`${name}Payload`, { description: `Result of a change to a ${name}.` })
  class Payload {
    // Shown under another name than its property: read through type-graphql's resolver, not as a property.
    @Field(() => Node, {
      name: key,
      simple: false,
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
  /**
   * A phone number, checked by libphonenumber-js (numbers without a country code are read as
   * Chinese ones) and stored in E.164, e.g. +8613800138000.
   */
  | { kind: 'phone'; required?: boolean; max?: number }
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
      case 'phone':
        value = checkText(w, field, value as string, rule);
        if (value && (value as string).length <= (rule.max ?? 200)) {
          const number = parsePhoneNumberFromString(value as string, 'CN');
          if (number?.isValid()) value = number.number;
          else
            w.fail(
              field,
              UserErrorCode.INVALID,
              `"${value}" is not a phone number (give it with its area code, or with + and the country code)`,
            );
        }
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
