/** The building blocks of JSON API body schemas that every API module uses (TypeBox). */
import { type TSchema, Type } from '@sinclair/typebox';
import type { CodeEntry } from '../codes/code-list.ts';

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
export const DateTime = Type.String({ format: 'date-time' });
export const NullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

/** A string of at most `maxLength` characters, described when the name alone does not say enough. */
export const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });

/** A field the client may leave out or send as null. */
export const Opt = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

/** An object that refuses properties it does not name. */
export const closed = { additionalProperties: false } as const;

/** Every code of a list with its label, for the OpenAPI document to tell partner systems what each means. */
export const codeListDescription = (list: readonly CodeEntry[]): string =>
  list.map((c) => `${c.code}: ${c.label}`).join('; ');

/** A coded field: the list is in the schema (a plain string enum), and each code's label in its description. */
export function coded(list: readonly CodeEntry[]) {
  return Type.String({ enum: list.map((c) => c.code), description: codeListDescription(list) });
}
