/**
 * An element's attributes read once into a plain map. DOM attribute access is slow in jsdom (every
 * `getAttribute` and `classList` read crosses a wrapper), and the walk asks about the same few
 * attributes many times per element.
 */
/** A class attribute without whitespace: one name (`split(/\s+/)` would give exactly it). */
const ONE_NAME = /^\S+$/;

export class Attrs {
  static readonly EMPTY = new Attrs(null);
  private classList: string[] | null = null;

  private constructor(private readonly map: Map<string, string> | null) {}

  static of(el: Element): Attrs {
    if (!el.hasAttributes()) return Attrs.EMPTY;
    const names = el.getAttributeNames();
    if (!names.length) return Attrs.EMPTY;
    const map = new Map<string, string>();
    for (const n of names) map.set(n, el.getAttribute(n) ?? '');
    return new Attrs(map);
  }

  get size(): number {
    return this.map ? this.map.size : 0;
  }

  get(name: string): string | null {
    return this.map?.get(name) ?? null;
  }

  has(name: string): boolean {
    return !!this.map && this.map.has(name);
  }

  get id(): string {
    return this.map?.get('id') ?? '';
  }

  get classes(): readonly string[] {
    if (!this.classList) {
      const c = this.map?.get('class');
      // One class name (most elements): no split.
      this.classList = c ? (ONE_NAME.test(c) ? [c] : c.split(/\s+/).filter(Boolean)) : [];
    }
    return this.classList;
  }

  /** Whether the element has one of these attributes (looks at its own few names). */
  hasAny(names: ReadonlySet<string>): boolean {
    if (!this.map) return false;
    for (const n of this.map.keys()) if (names.has(n)) return true;
    return false;
  }

  entries(): IterableIterator<[string, string]> {
    return (this.map ?? new Map<string, string>()).entries();
  }
}
