/**
 * The documents a rebuild has written so far, as a Bloom filter of fixed size: memory
 * that does not grow with the number of documents. `mayHave` is never wrong when it says
 * no, so a document the rebuild meets for the first time needs no read; a rare false yes
 * only costs a read that finds nothing.
 *
 * With the defaults (8 Mi bits = 1 MiB, 4 hashes), one document in 200,000 is a false
 * yes after 100,000 documents, one in 500 after 500,000, one in 50 after a million.
 *
 * @example
 *   const written = createWrittenFilter()
 *   written.add('startups\u0000s1')
 *   written.mayHave('startups\u0000s2') // false (almost always)
 */
export interface WrittenFilter {
  add(id: string): void
  mayHave(id: string): boolean
}

/** FNV-1a over UTF-16 code units, with a seed so that two of them give independent hashes. */
const fnv1a = (text: string, seed: number): number => {
  let hash = (2166136261 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 16777619) >>> 0
  }
  return hash
}

export const createWrittenFilter = (bits = 2 ** 23, hashes = 4): WrittenFilter => {
  const words = new Uint32Array(Math.ceil(bits / 32))
  const size = words.length * 32
  // Double hashing: the i-th position is h1 + i·h2 (Kirsch and Mitzenmacher).
  const positions = (id: string) => {
    const h1 = fnv1a(id, 0)
    const h2 = fnv1a(id, 0x9e3779b9) | 1
    return Array.from({ length: hashes }, (_, i) => (h1 + Math.imul(i, h2) >>> 0) % size)
  }
  const isSet = (bit: number) => ((words[bit >>> 5] as number) & (1 << (bit & 31))) !== 0
  const set = (bit: number) => (words[bit >>> 5] = (words[bit >>> 5] as number) | (1 << (bit & 31)))
  return {
    add: (id) => positions(id).forEach(set),
    mayHave: (id) => positions(id).every(isSet),
  }
}
