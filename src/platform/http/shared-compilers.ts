/**
 * Schema compilers shared by every app this process builds. Fastify's defaults make a fresh Ajv pool and
 * compile every response serializer again for each app; the route schemas are module constants, so a second
 * app (the tests build one or more a file, all in the same worker) would compile the same code again, about
 * a quarter of a second an app. Production builds one app, so this changes nothing there.
 */
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

/** Ajv keeps what it compiled by schema object (and by the external schemas, of which Lantern has none). */
export const SHARED_VALIDATORS = AjvCompiler();

type Serialize = (data: unknown) => string;
type SerializerFactory = ReturnType<typeof SerializerSelector>;
type SerializerRoute = { schema: object; method: string; url: string; httpStatus: string };

/**
 * Response serializers kept by schema object. Only while no shared schemas are registered (`addSchema`),
 * and per set of serializer options: a `$ref` could otherwise resolve against another app's schemas.
 */
export function sharedSerializers(): SerializerFactory {
  const defaultFactory = SerializerSelector();
  const byOptions = new Map<string, WeakMap<object, Serialize>>();
  return ((externalSchemas: Record<string, unknown> | undefined, serializerOpts: object | undefined) => {
    const build = defaultFactory(externalSchemas as never, serializerOpts as never) as unknown as (
      route: SerializerRoute,
    ) => Serialize;
    if (externalSchemas && Object.keys(externalSchemas).length > 0) return build;
    const optionsKey = JSON.stringify(serializerOpts ?? {});
    let compiled = byOptions.get(optionsKey);
    if (!compiled) {
      compiled = new WeakMap();
      byOptions.set(optionsKey, compiled);
    }
    const cache = compiled;
    return (route: SerializerRoute) => {
      const known = cache.get(route.schema);
      if (known) return known;
      const serialize = build(route);
      cache.set(route.schema, serialize);
      return serialize;
    };
  }) as unknown as SerializerFactory;
}

export const SHARED_SERIALIZERS = sharedSerializers();
