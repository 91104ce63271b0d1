/** The building blocks of JSON API body schemas that every API module uses (TypeBox). */
import { type TSchema, Type } from '@sinclair/typebox';

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
