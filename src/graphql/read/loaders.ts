import DataLoader from 'dataloader';

/**
 * The request's DataLoaders, created on first use and keyed by what they load (table, relation,
 * arguments). Every relation field of a request that asks the same thing shares one loader, so a
 * level of the query costs one SQL statement whatever the number of parents.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

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
