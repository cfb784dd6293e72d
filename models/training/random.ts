/**
 * A small seeded pseudo-random generator (xoshiro128** seeded through splitmix32).
 * Written out rather than imported so that the training data can never change under us with
 * a library upgrade: the same seed gives the same numbers on every machine and every version.
 */
export class SeededRandom {
  private readonly state = new Uint32Array(4);

  /** Creates a generator whose whole sequence is fixed by `seed` (any 32-bit integer). */
  constructor(seed: number) {
    let s = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32: spreads one seed over the four state words, never all zero.
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s = this.state;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits, like numpy's random_sample. */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A uniform double in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.nextDouble();
  }

  /** A uniform integer in [0, n) (n <= 2^32), without modulo bias. */
  nextInt(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const r = this.nextUint32();
      if (r < limit) return r % n;
    }
  }

  /** A Poisson(lambda) count by Knuth's multiplication method (exact; fine for lambda up to ~700). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let count = -1;
    let product = 1;
    do {
      count++;
      product *= this.nextDouble();
    } while (product > limit);
    return count;
  }

  /** `k` distinct indices from [0, n), in draw order (a partial Fisher-Yates shuffle). */
  sampleWithoutReplacement(n: number, k: number): number[] {
    const pool = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + this.nextInt(n - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, k);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
