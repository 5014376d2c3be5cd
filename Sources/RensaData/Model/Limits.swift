/// Bounds that every value of a dataset and every option must respect, so that no
/// analysis meets a number it cannot represent (an hour count that overflows an `Int`,
/// an infinite chart axis, a delay that never ends).
public enum Limits {
  /// The longest time any value may give, in hours: ten years (87,600 h). Failures,
  /// delays, backups, recoveries, scenario events, horizons and incident durations all
  /// lie within it; a failure that is not repaired within a scenario leaves its duration
  /// out instead.
  public static let maximumHours = 87_600.0

  /// The widest lognormal spread (sigma, on the log scale) a delay may have: at 4, the
  /// 99.9th percentile is 2.3 × 10⁵ times the median, far beyond any outage data.
  public static let maximumLognormalSigma = 4.0

  /// The most restoration crews an analysis considers; more than the failed nodes is the
  /// same as one per failed node.
  public static let maximumCrews = 1_000_000

  /// The most users an asset or incident may give (10¹⁰, above the world's population):
  /// sums over a national inventory then stay exact in a `Double` and fit an `Int`.
  public static let maximumUsers = 10_000_000_000

  /// Checks an hour value given on the command line or through the API.
  public static func isValidHours(_ x: Double) -> Bool { x.isFinite && x >= 0 && x <= maximumHours }
}
