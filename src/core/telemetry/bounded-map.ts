/**
 * A Map with a capacity that evicts its least-recently-used entry when full, and counts every eviction.
 * "Used" means `get` (a hit) or `set`; `peek` does not touch the order. Recency is kept in the Map's own
 * insertion order (delete + set moves a key to the end), so every operation is O(1) and nothing grows
 * beyond `capacity` entries. An optional `onEvict` lets the owner release what the entry held.
 */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  private evictedCount = 0;

  constructor(
    readonly capacity: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`bounded-map: capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.map.size;
  }
  /** Entries evicted to make room since construction. */
  get evicted(): number {
    return this.evictedCount;
  }

  /** The value, marking the key most recently used. */
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** The value without changing recency. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Stores the value as most recently used; evicts the least recently used entry first when full. */
  set(key: K, value: V): this {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.capacity) this.evictOldest();
    this.map.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  /** Evicts the least recently used entry (counted); false when empty. */
  evictOldest(): boolean {
    const first = this.map.entries().next();
    if (first.done === true) return false;
    const [k, v] = first.value;
    this.map.delete(k);
    this.evictedCount++;
    this.onEvict?.(k, v);
    return true;
  }

  /** Least recently used first. */
  keys(): IterableIterator<K> {
    return this.map.keys();
  }
  values(): IterableIterator<V> {
    return this.map.values();
  }
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
}
