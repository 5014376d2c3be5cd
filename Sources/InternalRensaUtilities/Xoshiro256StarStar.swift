/// The pseudo-random generator used everywhere in Rensa: xoshiro256** (Blackman
/// & Vigna 2018), seeded through SplitMix64 so that any 64-bit seed, including
/// 0, gives a well-mixed state.
///
/// Every random result in Rensa comes from an explicit seed. Parallel work takes
/// independent streams with ``stream(_:)``, one per task (trial, batch), never
/// one per thread, so results do not depend on the thread count.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 42)
/// let x = rng.next()                 // the same value on every machine
/// let die = Int.random(in: 1...6, using: &rng)
/// ```
package struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64
  /// The seed this generator was created from.
  package let seed: UInt64

  /// A generator whose state is filled by SplitMix64 from `seed`.
  package init(seed: UInt64) {
    var sm = seed
    func splitMix() -> UInt64 {
      sm &+= 0x9E37_79B9_7F4A_7C15
      var z = sm
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
    self.seed = seed
  }

  /// The next 64 random bits.
  @inlinable
  package mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// An independent generator for task `index` (trial, batch, …) derived from this
  /// generator's seed; the same `(seed, index)` always gives the same stream.
  package func stream(_ index: UInt64) -> Xoshiro256StarStar {
    var mixer = Xoshiro256StarStar(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
    return Xoshiro256StarStar(seed: mixer.next() ^ index)
  }

  /// A uniform `Double` in [0, 1) with 53 random bits.
  @inlinable
  package mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }
}
