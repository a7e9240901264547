/**
 * Bit streams for Rice-coded sorted sets (the verification fingerprints, the index's gate): a sorted
 * set is stored as the gaps between its members, each gap as a unary quotient and a k-bit remainder,
 * which costs about k + 2 bits a member when k is near log2 of the mean gap. Most significant bit first.
 */

/** The Rice parameter for `count` members spread over `space` values: about log2 of their mean gap × ln 2. */
export function riceParameter(count: number, space: number, max = 30): number {
  let k = 0;
  while (k < max && 2 ** (k + 1) <= (space / Math.max(1, count)) * Math.LN2) k++;
  return k;
}

export class BitWriter {
  private bytes = new Uint8Array(256);
  private bit = 0;

  /** Bits written so far: where the next value starts. */
  get position(): number {
    return this.bit;
  }

  /** The low `width` bits of `value` (width ≤ 31). */
  write(value: number, width: number): void {
    for (let i = width - 1; i >= 0; i--) this.push((value >>> i) & 1);
  }

  unary(quotient: number): void {
    for (let i = 0; i < quotient; i++) this.push(1);
    this.push(0);
  }

  /** One gap of a Rice-coded set (gap < 2^32, k ≤ 30). */
  gap(gap: number, k: number): void {
    this.unary(gap >>> k);
    this.write(gap & ((1 << k) - 1), k);
  }

  private push(one: number): void {
    const byte = this.bit >>> 3;
    if (byte >= this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (one) this.bytes[byte] = (this.bytes[byte] as number) | (0x80 >>> (this.bit & 7));
    this.bit++;
  }

  finish(): ArrayBuffer {
    return this.bytes.slice(0, (this.bit + 7) >>> 3).buffer;
  }
}

export class BitReader {
  /**
   * @param label names the data in errors ("Backstory fingerprints")
   * @param position the bit to start reading at
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly label: string,
    public position = 0,
  ) {}

  /** `width` bits (≤ 31) as an unsigned number. */
  read(width: number): number {
    let value = 0;
    for (let i = 0; i < width; i++) value = (value << 1) | this.next();
    return value >>> 0;
  }

  unary(): number {
    let quotient = 0;
    while (this.next() === 1) quotient++;
    return quotient;
  }

  /** One gap of a Rice-coded set. */
  gap(k: number): number {
    return this.unary() * 2 ** k + this.read(k);
  }

  private next(): number {
    const byte = this.bytes[this.position >>> 3];
    if (byte === undefined) throw new Error(`${this.label}: truncated file`);
    return (byte >>> (7 - (this.position++ & 7))) & 1;
  }
}
