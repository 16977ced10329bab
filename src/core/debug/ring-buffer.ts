/**
 * A fixed-capacity buffer that overwrites its oldest entry when full, so a long-running process that
 * records every query keeps constant memory.
 */
export class RingBuffer<T> {
  readonly #items: (T | undefined)[]
  #next = 0
  #size = 0

  constructor(readonly capacity: number) {
    this.#items = new Array<T | undefined>(capacity)
  }

  get size(): number {
    return this.#size
  }

  push(item: T): void {
    if (this.capacity === 0) return
    this.#items[this.#next] = item
    this.#next = (this.#next + 1) % this.capacity
    if (this.#size < this.capacity) this.#size++
  }

  /** The entries, oldest first. */
  toArray(): T[] {
    const start = (this.#next - this.#size + this.capacity) % this.capacity
    const out: T[] = []
    for (let i = 0; i < this.#size; i++) out.push(this.#items[(start + i) % this.capacity] as T)
    return out
  }

  clear(): void {
    this.#items.fill(undefined)
    this.#next = 0
    this.#size = 0
  }
}
