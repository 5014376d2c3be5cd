import Foundation

/// The uncertainty of a dependency's delay (hours from its supplier's failure until it
/// is lost) for the Monte Carlo analysis; the deterministic timeline uses the nominal
/// delay.
public enum DelayDistribution: Sendable, Hashable, Codable {
  /// Uniform on [low, high].
  case uniform(low: Double, high: Double)
  /// Triangular on [low, high] with its peak at `mode`.
  case triangular(low: Double, mode: Double, high: Double)
  /// Lognormal: `median · exp(sigma · Z)` with Z standard normal.
  case lognormal(median: Double, sigma: Double)

  /// Why the parameters are invalid, or nil.
  public var problem: String? {
    switch self {
    case .uniform(let low, let high):
      return low >= 0 && high >= low && high.isFinite ? nil : "a uniform delay needs 0 ≤ low ≤ high"
    case .triangular(let low, let mode, let high):
      return low >= 0 && low <= mode && mode <= high && high.isFinite ? nil : "a triangular delay needs 0 ≤ low ≤ mode ≤ high"
    case .lognormal(let median, let sigma):
      return median >= 0 && median.isFinite && sigma > 0 && sigma.isFinite
        ? nil : "a lognormal delay needs a median ≥ 0 and a sigma > 0"
    }
  }

  /// The delay for uniforms `u` and `v` in (0, 1) (`v` only for the lognormal's normal
  /// draw, by Box–Muller).
  public func sample(_ u: Double, _ v: Double) -> Double {
    switch self {
    case .uniform(let low, let high):
      return low + u * (high - low)
    case .triangular(let low, let mode, let high):
      guard high > low else { return low }
      let cut = (mode - low) / (high - low)
      return u < cut
        ? low + ((high - low) * (mode - low) * u).squareRoot()
        : high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
    case .lognormal(let median, let sigma):
      guard median > 0 else { return 0 }
      let z = (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
      // Always a finite number ≥ 0 (u = 0 would give an infinite z): a delay that does
      // not overflow the timeline's arithmetic.
      let x = median * Foundation.exp(sigma * z)
      return x.isFinite ? x : Double.greatestFiniteMagnitude
    }
  }
}
