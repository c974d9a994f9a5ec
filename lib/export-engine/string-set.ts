// A set of strings kept as UTF-8 bytes in one growing buffer, found through an open-addressing
// table of entry numbers: about 1.5 × the bytes of the strings plus 12 bytes per entry. A
// Set<string> of a million emails sliced out of COPY output held ~100 bytes each (and the
// chunks they were sliced from): the first fill of a 1M-member list took the worker past its
// 512 MB budget.

const EMPTY = -1;

export class CompactStringSet {
  #bytes = Buffer.allocUnsafe(1 << 16);
  #used = 0;
  #starts = new Int32Array(1 << 10);
  #lengths = new Int32Array(1 << 10);
  #hashes = new Int32Array(1 << 10);
  #slots = new Int32Array(1 << 11).fill(EMPTY);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds `value`; false when the set already held it. */
  add(value: string): boolean {
    const chars = value.length;
    // At most 3 UTF-8 bytes per UTF-16 unit.
    if (this.#used + chars * 3 > this.#bytes.length) this.#growBytes(this.#used + chars * 3);
    // Written at the end of the buffer first: compared there, and kept only if new. An ASCII
    // value (nearly every email) is written and hashed from its character codes in one loop: the
    // native byteLength and write calls cost more than the loop for strings this short.
    const bytes = this.#bytes;
    const at = this.#used;
    let hash = FNV_OFFSET;
    let length = chars;
    for (let i = 0; i < chars; i += 1) {
      const code = value.charCodeAt(i);
      if (code > 0x7f) {
        length = bytes.write(value, at, "utf8");
        hash = fnv1a(bytes, at, length);
        break;
      }
      bytes[at + i] = code;
      hash = Math.imul(hash ^ code, FNV_PRIME);
    }
    hash |= 0;
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!;
      if (entry === EMPTY) {
        this.#append(at, length, hash, slot);
        return true;
      }
      if (this.#hashes[entry] === hash && this.#lengths[entry] === length && this.#equals(this.#starts[entry]!, at, length)) return false;
    }
  }

  has(value: string): boolean {
    const bytes = Buffer.from(value, "utf8");
    const hash = fnv1a(bytes, 0, bytes.length);
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!;
      if (entry === EMPTY) return false;
      const start = this.#starts[entry]!;
      if (this.#hashes[entry] === hash && this.#lengths[entry] === bytes.length && this.#bytes.compare(bytes, 0, bytes.length, start, start + bytes.length) === 0) return true;
    }
  }

  #equals(a: number, b: number, length: number): boolean {
    return this.#bytes.compare(this.#bytes, b, b + length, a, a + length) === 0;
  }

  #append(start: number, length: number, hash: number, slot: number): void {
    const entry = this.#size;
    if (entry === this.#starts.length) {
      this.#starts = grown(this.#starts);
      this.#lengths = grown(this.#lengths);
      this.#hashes = grown(this.#hashes);
    }
    this.#starts[entry] = start;
    this.#lengths[entry] = length;
    this.#hashes[entry] = hash;
    this.#slots[slot] = entry;
    this.#used += length;
    this.#size += 1;
    // At most half full: probes stay short.
    if (this.#size * 2 > this.#slots.length) this.#rehash();
  }

  #growBytes(needed: number): void {
    const next = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2));
    this.#bytes.copy(next, 0, 0, this.#used);
    this.#bytes = next;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.#size; entry += 1) {
      let slot = this.#hashes[entry]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.#slots = slots;
  }
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of bytes [start, start + length). */
function fnv1a(bytes: Buffer, start: number, length: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < start + length; i += 1) {
    hash ^= bytes[i]!;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash | 0;
}
