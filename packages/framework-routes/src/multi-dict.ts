// A name → values map where a name may repeat (query strings, form fields, uploaded files); no parsing.

/** Names that may carry several values, in arrival order. `get` gives the first, `getAll` every one. */
export class MultiDict<Value> implements Iterable<[string, Value]> {
  readonly #values = new Map<string, Value[]>();

  /** Adds a value under `name`, after any existing ones. */
  append(name: string, value: Value): void {
    const values = this.#values.get(name);
    if (values === undefined) this.#values.set(name, [value]);
    else values.push(value);
  }

  /** The first value of `name`, or undefined. */
  get(name: string): Value | undefined {
    return this.#values.get(name)?.[0];
  }

  /** Every value of `name` (a new array; empty when absent). */
  getAll(name: string): Value[] {
    return this.#values.get(name)?.slice() ?? [];
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  /** The distinct names, in first-arrival order. */
  keys(): IterableIterator<string> {
    return this.#values.keys();
  }

  /** Number of distinct names. */
  get size(): number {
    return this.#values.size;
  }

  /** Every [name, value] pair, repeated names included. */
  *[Symbol.iterator](): Iterator<[string, Value]> {
    for (const [name, values] of this.#values) for (const value of values) yield [name, value];
  }

  /** A plain object of the first value of each name (convenient for JSON). */
  toObject(): Record<string, Value> {
    const object: Record<string, Value> = {};
    for (const [name, values] of this.#values) object[name] = values[0] as Value;
    return object;
  }
}
