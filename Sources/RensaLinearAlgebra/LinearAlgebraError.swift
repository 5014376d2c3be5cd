/// Errors from the dense linear-algebra routines, mapped from LAPACK's `info`.
public enum LinearAlgebraError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The matrix is exactly singular: U(pivot, pivot) is zero in the LU factorisation
  /// (`pivot` is 0-based).
  case singular(pivot: Int)
  /// An iterative LAPACK routine did not converge (`info > 0` from dsyevr or dgesdd).
  case noConvergence(routine: String, info: Int)
  /// LAPACK rejected argument number `position` (1-based, as LAPACK counts) of `routine`.
  case illegalArgument(routine: String, position: Int)
  /// Operand shapes do not fit the operation.
  case dimensionMismatch(String)
  /// An input contains NaN or an infinity.
  case nonFinite(String)
  /// A dimension exceeds LAPACK's 32-bit integer range.
  case tooLarge(String)
  /// An iterative solver did not reach its tolerance: `residual` is the last update
  /// norm and `contraction` the observed ratio between the last two (≥ 1 means the
  /// iteration diverges: the spectral radius is at least 1).
  case notConverged(method: String, iterations: Int, residual: Double, contraction: Double)

  public var description: String {
    switch self {
    case .singular(let pivot):
      return "matrix is singular: zero pivot in column \(pivot + 1) of the LU factorisation"
    case .noConvergence(let routine, let info):
      return "\(routine) did not converge (info = \(info))"
    case .illegalArgument(let routine, let position):
      return "\(routine) rejected argument \(position) (a bug in Rensa; please report it)"
    case .dimensionMismatch(let what): return "dimension mismatch: \(what)"
    case .nonFinite(let what): return "non-finite value (NaN or infinity) in \(what)"
    case .tooLarge(let what): return "dimension too large for LAPACK's 32-bit integers: \(what)"
    case .notConverged(let method, let iterations, let residual, let contraction):
      let verdict =
        contraction >= 1
        ? "the iterates do not shrink (contraction \(contraction)): the spectral radius is at least 1"
        : "contraction \(contraction) per sweep; allow more iterations or a looser tolerance"
      return "\(method) did not converge in \(iterations) sweeps (last update \(residual)): \(verdict)"
    }
  }
}
