/**
 * A first-in first-out queue that also tracks the total size of what it holds. Amortised O(1): the array is
 * compacted only when its consumed head outgrows the live part.
 */
export class SizedFifo<T> {
  #items: Array<T | undefined> = [];
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Sum of the sizes of the queued items. */
  get bytes(): number {
    return this.#bytes;
  }

  push(item: T, size: number): void {
    this.#items.push(item);
    this.#sizes.push(size);
    this.#bytes += size;
  }

  /** Removes and returns the oldest item; undefined when empty. */
  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#bytes -= this.#sizes[this.#head] as number;
    this.#head++;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#sizes = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  clear(): void {
    this.#items = [];
    this.#sizes = [];
    this.#head = 0;
    this.#bytes = 0;
  }
}
