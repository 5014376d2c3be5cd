import RensaLinearAlgebra

/// The IIM over a sparse `A*` (dependency graphs with m ≪ n² couplings), solved
/// iteratively: n = 100,000 sectors or assets with 10 couplings each solve in well
/// under a second where a dense n × n matrix (80 GB) cannot even be allocated.
///
/// The conventions are those of ``InoperabilityModel``: row i the affected node,
/// column j the source. The equilibrium is found by BiCGSTAB (default), or by
/// Gauss–Seidel or Jacobi (the Neumann series) sweeps, until the true residual
/// `‖c* − (I − A*)·q‖∞ ≤ tolerance · ‖c*‖∞`.
///
/// **Stability.** For `A* ≥ 0` and `c* ≥ 0` the Neumann series `Σ A*ᵏ c*` — the
/// equilibrium — converges exactly when `q = A*·q + c*` has a nonnegative
/// solution (its partial sums are bounded by any such solution). The sweeps
/// diverge otherwise and say so; a Krylov solution is accepted only if it is
/// nonnegative (to 1e-9 of its largest entry), else the model is refused as
/// unstable.
public struct SparseInoperabilityModel: Sendable {
  /// Node labels (may be empty for an unlabelled model).
  public let labels: [String]
  /// `A*` in CSR form.
  public let interdependency: SparseMatrix
  /// Where the model came from.
  public let origin: String

  /// A checked model.
  ///
  /// - Throws: ``DataError`` for a non-square matrix, labels of the wrong count,
  ///   negative or non-finite entries, a diagonal ≥ 1 (at most 20 entries named).
  public init(interdependency: SparseMatrix, labels: [String] = [], origin: String) throws(DataError) {
    var issues: [DataIssue] = []
    let n = interdependency.rows
    if interdependency.columns != n {
      throw DataError([DataIssue(file: origin, reason: "A* is \(n)×\(interdependency.columns), not square")])
    }
    if !labels.isEmpty && labels.count != n {
      throw DataError([DataIssue(file: origin, reason: "\(labels.count) labels for \(n) rows")])
    }
    func name(_ i: Int) -> String { labels.isEmpty ? "\(i)" : labels[i] }
    var problems = 0
    for i in 0..<n {
      for k in interdependency.rowStarts[i]..<interdependency.rowStarts[i + 1] {
        let j = Int(interdependency.columnIndices[k])
        let a = interdependency.values[k]
        let bad: String? =
          !a.isFinite ? "a* is \(a)" : a < 0 ? "a* is negative (\(a))" : (i == j && a >= 1) ? "diagonal a* is \(a) ≥ 1" : nil
        if let bad {
          problems += 1
          if issues.count < 20 { issues.append(DataIssue(file: origin, field: "row \(name(i)), column \(name(j))", reason: bad)) }
        }
      }
    }
    if problems > issues.count {
      issues.append(DataIssue(file: origin, reason: "and \(problems - issues.count) more entries like these"))
    }
    if !issues.isEmpty { throw DataError(issues) }
    self.labels = labels
    self.interdependency = interdependency
    self.origin = origin
  }

  /// The equilibrium `q = A*·q + c*` (`threads`: for BiCGSTAB's products, nil =
  /// automatic; the result does not depend on it).
  ///
  /// - Throws: ``DataError`` for a perturbation outside [0, 1], or when the
  ///   iteration does not converge (spectral radius of A* at least 1, or too few
  ///   iterations allowed).
  public func equilibrium(
    _ perturbation: [Double], method: FixedPointMethod = .bicgstab, tolerance: Double = 1e-10,
    maxIterations: Int = 100_000, threads: Int? = nil
  ) throws(DataError) -> SparseEquilibrium {
    let n = interdependency.rows
    if perturbation.count != n {
      throw DataError([DataIssue(file: "perturbation", reason: "\(perturbation.count) values for \(n) nodes")])
    }
    var issues: [DataIssue] = []
    for (i, v) in perturbation.enumerated() where !(v.isFinite && v >= 0 && v <= 1) {
      if issues.count < 20 {
        issues.append(DataIssue(
          file: "perturbation", field: labels.isEmpty ? "\(i)" : labels[i], reason: "perturbation \(v) is outside [0, 1]"))
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
    let s: FixedPointSolution
    do {
      s = try interdependency.solveFixedPoint(
        perturbation, method: method, tolerance: tolerance, maxIterations: maxIterations, threads: threads)
    } catch {
      throw DataError([DataIssue(
        file: origin, reason: "no equilibrium found: \(error)",
        hint: "check that every row of A* sums to less than 1, or allow more iterations")])
    }
    let largest = s.x.reduce(0) { max($0, abs($1)) }
    if let i = s.x.indices.first(where: { s.x[$0] < -1e-9 * largest }) {
      throw DataError([DataIssue(
        file: origin,
        reason: "the model is unstable: the solution of q = A*q + c* is negative at \(labels.isEmpty ? "row \(i)" : labels[i]) (\(s.x[i])), so the spectral radius of A* on the part c* reaches is at least 1",
        hint: "no finite equilibrium exists; reduce the largest interdependencies")])
    }
    return SparseEquilibrium(
      inoperability: s.x, iterations: s.iterations, residual: s.residual, contraction: s.contraction, method: method)
  }
}

/// The result of ``SparseInoperabilityModel/equilibrium(_:method:tolerance:maxIterations:threads:)``.
public struct SparseEquilibrium: Sendable {
  /// `q` per node.
  public var inoperability: [Double]
  /// Sweeps performed.
  public var iterations: Int
  /// `‖c* − (I − A*)·q‖∞` of the returned `q`.
  public var residual: Double
  /// Observed contraction per sweep.
  public var contraction: Double
  /// The method used.
  public var method: FixedPointMethod

  /// Nodes whose inoperability exceeds 1.
  public var saturated: [Int] { inoperability.indices.filter { inoperability[$0] > 1 } }
}
