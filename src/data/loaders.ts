import DataLoader from 'dataloader';
import { getOrMake } from '../lib/maps.js';

/**
 * The request's DataLoaders, created on first use and keyed by what they load (table, relation,
 * arguments). Every relation field of a request that asks the same thing shares one loader, so a
 * level of the query costs one SQL statement whatever the number of parents.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();
  /** Values handed in ahead (`prime`), readable synchronously (`primedOf`). */
  private readonly primed = new Map<string, Map<string, unknown>>();

  /**
   * Hands loader `loaderKey` the value of `key` ahead of any load (e.g. a row read with its parent);
   * its users look there (`primedOf`) before they `load`.
   */
  prime(loaderKey: string, key: string, value: unknown): void {
    const values = getOrMake(this.primed, loaderKey, () => new Map<string, unknown>());
    if (!values.has(key)) values.set(key, value);
  }

  /**
   * The values primed for loader `loaderKey`: resolvers return one found there as it is, so GraphQL
   * completes the field without a promise.
   */
  primedOf<V>(loaderKey: string): ReadonlyMap<string, V> | undefined {
    return this.primed.get(loaderKey) as ReadonlyMap<string, V> | undefined;
  }

  /** Texts computed once per request and field of the query (see `keyOf`). */
  private readonly keys = new WeakMap<object, Map<string, string>>();

  /**
   * The text `make` computes for a field node of the query and `variant` (e.g. its parent type),
   * once per request: within a request, variables are fixed, so a field's loader key is too.
   */
  keyOf(node: object, variant: string, make: () => string): string {
    return getOrMake(
      getOrMake(this.keys, node, () => new Map<string, string>()),
      variant,
      make,
    );
  }

  /** The loader for `key`; `batch` answers many keys at once as a map, missing keys get `fallback`. */
  get<V>(
    key: string,
    batch: (keys: readonly string[]) => Promise<Map<string, V>>,
    fallback: V,
  ): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(async (keys) => {
        const found = await batch(keys);
        return keys.map((k) => (found.has(k) ? found.get(k)! : fallback));
      });
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
