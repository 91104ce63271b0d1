/**
 * The smallest factory that serves the tests: defaults, named states that each change a few fields, and
 * overrides last. Merging is shallow on purpose: an override replaces a whole field (a test that wants a
 * different child passes a whole `child`), so what a test builds is what it reads.
 */
export type State<T> = (current: T) => Partial<T>;

export interface Factory<T, S extends string> {
  /** The defaults, then the states chosen with `with`, then the overrides. */
  build(overrides?: Partial<T>): T;
  /** The same factory with more named states applied, in order. */
  with(...states: S[]): Factory<T, S>;
}

export function defineFactory<T extends object, S extends string>(
  defaults: () => T,
  states: Record<S, State<T>>,
  chosen: readonly S[] = [],
): Factory<T, S> {
  return {
    build(overrides = {}) {
      let value = defaults();
      for (const name of chosen) value = { ...value, ...states[name](value) };
      return { ...value, ...overrides };
    },
    with(...more) {
      return defineFactory(defaults, states, [...chosen, ...more]);
    },
  };
}
