import Foundation
import RensaLinearAlgebra

/// The Inoperability Input–Output Model (IIM) of Haimes & Jiang (2001) and Santos &
/// Haimes (2004): the equilibrium `q = A*·q + c*`.
///
/// ## Conventions
/// - `interdependency[i, j] = a*_ij` is the inoperability of sector **i** (row, the
///   affected sector) caused by complete inoperability of sector **j** (column,
///   the source). From an input–output table: ``InputOutputTable/interdependencyMatrix(_:)``.
/// - `q_i` is sector i's inoperability, the fraction of its planned output it cannot
///   produce; `c*_i` is the perturbation, the fraction of its demand (or supply)
///   lost directly. Both are in [0, 1] for a meaningful outcome.
/// - `A*` must be nonnegative with a spectral radius below 1; only then does
///   `(I − A*)⁻¹ = Σ A*ᵏ` exist and map nonnegative perturbations to nonnegative
///   inoperabilities.
///
/// ```swift
/// let model = try InoperabilityModel(sectors: ["power", "water"],
///     interdependency: Matrix(rowMajor: [[0, 0.8], [0.2, 0]]), origin: "Haimes & Jiang 2001")
/// let q = try model.equilibrium([0, 0.6]).inoperability   // [4/7, 5/7]
/// ```
public struct InoperabilityModel: Sendable {
  /// Sector labels in the order of the matrix rows and columns.
  public let sectors: [String]
  /// `A*`, row i the affected sector, column j the source.
  public let interdependency: Matrix
  /// Total output `x` per sector, for economic losses `Q_i = x_i · q_i`; nil when
  /// the model did not come from an input–output table.
  public let output: [Double]?
  /// Where the model came from (file, dataset, mapping), used in messages.
  public let origin: String

  /// A model from a checked matrix.
  ///
  /// - Throws: ``DataError`` naming each row and column at fault: a non-square
  ///   matrix, labels repeated, NaN or infinite entries, negative entries, a
  ///   diagonal entry ≥ 1, output not positive.
  ///
  /// `rowLines`, when given, are the lines of the rows in the file `origin`, so that a
  /// message names the line of the entry at fault.
  public init(sectors: [String], interdependency: Matrix, output: [Double]? = nil, origin: String, rowLines: [Int] = [])
    throws(DataError)
  {
    var issues: [DataIssue] = []
    let n = sectors.count
    if interdependency.rows != n || interdependency.columns != n {
      throw DataError([DataIssue(
        file: origin, reason: "A* is \(interdependency.rows)×\(interdependency.columns) for \(n) sectors",
        hint: "A* is square: one row and one column per sector")])
    }
    var seen: [String: Int] = [:]
    for (i, s) in sectors.enumerated() {
      if let first = seen[s] {
        issues.append(DataIssue(file: origin, field: s, reason: "sector repeated (rows \(first + 1) and \(i + 1))"))
      } else {
        seen[s] = i
      }
    }
    // One pass in memory order; messages are built only for entries at fault.
    var suspect: [(Int, Int)] = []
    interdependency.elements.withUnsafeBufferPointer { e in
      for j in 0..<n {
        for i in 0..<n {
          let a = e[i + j * n]
          if !(a.isFinite && a >= 0) || (i == j && a >= 1) { suspect.append((i, j)) }
        }
      }
    }
    for (i, j) in suspect.sorted(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) {
      do {
        let a = interdependency[i, j]
        let field = "row \(sectors[i]), column \(sectors[j])"
        let line = rowLines.indices.contains(i) ? rowLines[i] : nil
        if !a.isFinite {
          issues.append(DataIssue(file: origin, line: line, field: field, reason: "a* is \(a)"))
        } else if a < 0 {
          issues.append(DataIssue(
            file: origin, line: line, field: field, reason: "a* is negative (\(NumberFormat.significant(a, digits: 6)))",
            hint: "interdependencies are nonnegative fractions of inoperability"))
        } else if i == j && a >= 1 {
          issues.append(DataIssue(
            file: origin, line: line, field: field,
            reason: "diagonal a* is \(NumberFormat.significant(a, digits: 6)) ≥ 1: the sector would sustain its own outage",
            hint: "a*_ii < 1"))
        }
      }
    }
    if let output {
      if output.count != n {
        issues.append(DataIssue(file: origin, field: "output", reason: "\(output.count) output values for \(n) sectors"))
      } else {
        for (i, x) in output.enumerated() where !(x.isFinite && x > 0) {
          issues.append(DataIssue(file: origin, field: "output of \(sectors[i])", reason: "\(x) is not a positive number"))
        }
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
    self.sectors = sectors
    self.interdependency = interdependency
    self.output = output
    self.origin = origin
  }

  /// Number of sectors.
  public var count: Int { sectors.count }

  /// Index of a sector by exact label, or by a unique prefix (`05` for
  /// `05_Electricity,gas and water supply`).
  public func sectorIndex(_ label: String) -> Int? { resolveSector(label, in: sectors) }

  /// The spectral radius `ρ(A*)` from all eigenvalues (LAPACK `dgeev`, O(n³), about
  /// ten LU factorisations). ``equilibrium(_:saturation:perturbationLabel:)`` does not need it: it
  /// certifies ρ < 1 with one extra solve and reports bounds.
  public func spectralRadius() throws(LinearAlgebraError) -> Double {
    try interdependency.eigenvalues().spectralRadius
  }

  /// `A*ⁿ`: the n-th order interdependencies (paths of exactly n steps), by
  /// repeated squaring.
  public func interdependency(order n: Int) -> Matrix {
    interdependency.power(n)
  }

  /// What to do with sectors whose inoperability exceeds 1.
  public enum SaturationPolicy: String, Sendable, Hashable, CaseIterable {
    /// Return the linear solution as it is and flag `q_i > 1` as saturated.
    case report
    /// Solve the bounded model `q = min(1, A*·q + c*)` (componentwise): saturated
    /// sectors are fixed at 1 and pass on only full inoperability. Sectors are still
    /// flagged.
    case clip
  }

  /// Validates a perturbation vector: n finite values in [0, 1].
  func checkPerturbation(_ c: [Double], label: String) throws(DataError) {
    if c.count != count {
      throw DataError([DataIssue(file: label, reason: "\(c.count) perturbation values for \(count) sectors")])
    }
    var issues: [DataIssue] = []
    for (i, v) in c.enumerated() where !(v.isFinite && v >= 0 && v <= 1) {
      issues.append(DataIssue(
        file: label, field: sectors[i], reason: "perturbation \(v) is outside [0, 1]",
        hint: "c* is the fraction of the sector's output lost directly"))
    }
    if !issues.isEmpty { throw DataError(issues) }
  }

  /// The equilibrium inoperability for one perturbation `c*`.
  ///
  /// Solves `(I − A*)·q = c*` by one LU factorisation (LAPACK `dgetrf`/`dgetrs`,
  /// never the inverse). The same factorisation solves `(I − A*)·y = 1`; `y > 0`
  /// proves `ρ(A*) < 1` (then `I − A*` is a nonsingular M-matrix) and gives the
  /// Collatz–Wielandt bounds `1 − 1/min y ≤ ρ ≤ 1 − 1/max y` at O(n²) extra cost.
  ///
  /// - Throws: ``DataError`` for a perturbation outside [0, 1] or of the wrong
  ///   length, or when `ρ(A*) ≥ 1` (the model has no meaningful equilibrium).
  public func equilibrium(_ perturbation: [Double], saturation: SaturationPolicy = .report, perturbationLabel: String = "perturbation")
    throws(DataError) -> InoperabilityEquilibrium
  {
    try checkPerturbation(perturbation, label: perturbationLabel)
    let (solution, bound) = try solveCertified(Matrix(column: perturbation))
    let q = solution.elements
    var result = InoperabilityEquilibrium(
      sectors: sectors, perturbation: perturbation, inoperability: q, saturated: q.map { $0 > 1 }, clipped: false,
      output: output, spectralBound: bound)
    if saturation == .clip && result.saturated.contains(true) {
      result.inoperability = try clippedSolution(perturbation, start: q)
      result.clipped = true
    }
    return result
  }

  /// The bounded solution `q = min(1, A*·q + c*)` by an active-set iteration: fix
  /// the saturated sectors at 1, solve for the rest, release fixed sectors whose
  /// value would fall below 1, repeat (at most n rounds; A* ≥ 0 makes it monotone).
  func clippedSolution(_ c: [Double], start: [Double]) throws(DataError) -> [Double] {
    let n = count
    var fixed = start.map { $0 > 1 }
    var q = start
    for _ in 0...n {
      let free = (0..<n).filter { !fixed[$0] }
      var sub = Matrix(rows: free.count, columns: free.count)
      var rhs = [Double](repeating: 0, count: free.count)
      for (a, i) in free.enumerated() {
        var r = c[i]
        for j in 0..<n where fixed[j] { r += interdependency[i, j] }
        rhs[a] = r
        for (b, j) in free.enumerated() { sub[a, b] = (a == b ? 1 : 0) - interdependency[i, j] }
      }
      let x: [Double]
      do { x = free.isEmpty ? [] : try LUFactorization(sub).solve(rhs) } catch { throw unstable(detail: "\(error)") }
      for (a, i) in free.enumerated() { q[i] = x[a] }
      for i in 0..<n where fixed[i] { q[i] = 1 }
      var changed = false
      for i in 0..<n {
        if fixed[i] {
          var v = c[i]
          for j in 0..<n { v += interdependency[i, j] * q[j] }
          if v < 1 {
            fixed[i] = false
            changed = true
          }
        } else if q[i] > 1 {
          fixed[i] = true
          changed = true
        }
      }
      if !changed { return q }
    }
    return q
  }

  /// The error for an unstable model, with ρ when it is cheap to compute.
  func unstable(detail: String) -> DataError {
    var reason = "the model is unstable: the spectral radius of A* is at least 1"
    if count <= 2000, let rho = try? spectralRadius() { reason += " (ρ = \(NumberFormat.significant(rho, digits: 6)))" }
    let rowSums = (0..<count).map { i in (0..<count).reduce(0.0) { $0 + interdependency[i, $1] } }
    let worst = rowSums.indices.sorted { rowSums[$0] > rowSums[$1] }.prefix(3)
    let list = worst.map { "\(sectors[$0]) (row sum \(NumberFormat.significant(rowSums[$0], digits: 4)))" }.joined(separator: ", ")
    return DataError([DataIssue(
      file: origin, reason: "\(reason); \(detail)",
      hint: "no finite equilibrium exists; reduce the largest interdependencies: \(list)")])
  }

  /// Equilibria for many perturbations at once (columns of `perturbations`), one
  /// factorisation for all. Saturation is reported, not clipped.
  public func equilibria(_ perturbations: Matrix) throws(DataError) -> Matrix {
    let n = count
    if perturbations.rows != n {
      throw DataError([DataIssue(file: "perturbations", reason: "\(perturbations.rows) rows for \(n) sectors")])
    }
    for s in 0..<perturbations.columns { try checkPerturbation(perturbations.column(s), label: "perturbation \(s + 1)") }
    return try solveCertified(perturbations).solution
  }

  /// The LU factorisation of `I − A*`, formed in one pass; an unstable-model error if
  /// it is singular.
  func factorizeIMinusA() throws(DataError) -> LUFactorization {
    let n = count
    var b = [Double](repeating: 0, count: n * n)
    interdependency.elements.withUnsafeBufferPointer { a in
      b.withUnsafeMutableBufferPointer { out in
        for k in 0..<(n * n) { out[k] = -a[k] }
        for i in 0..<n { out[i + i * n] += 1 }
      }
    }
    do { return try LUFactorization(factorising: b, order: n) } catch { throw unstable(detail: "I − A* is singular") }
  }

  /// Solves `(I − A*)·X = C` with one factorisation, and `(I − A*)·y = 1` beside it as
  /// the stability certificate (see ``equilibrium(_:saturation:perturbationLabel:)``).
  func solveCertified(_ c: Matrix) throws(DataError) -> (solution: Matrix, bound: SpectralBound) {
    let n = count
    let lu = try factorizeIMinusA()
    var rhs = Matrix(rows: n, columns: c.columns + 1)
    rhs.elements.replaceSubrange(0..<(n * c.columns), with: c.elements)
    for i in 0..<n { rhs.elements[n * c.columns + i] = 1 }
    do { try lu.solve(inPlace: &rhs) } catch { throw unstable(detail: "\(error)") }
    guard let bound = SpectralBound(certificate: rhs.column(c.columns)) else {
      throw unstable(detail: "(I − A*)⁻¹·1 has entries ≤ 0")
    }
    return (Matrix(rows: n, columns: c.columns, columnMajor: Array(rhs.elements[0..<(n * c.columns)])), bound)
  }

  /// Setola's indices (Setola, De Porcellinis & Sforna 2009) from `A*` (first
  /// order) or from the total matrix `(I − A*)⁻¹` (overall, every path length):
  /// - **dependency index** of i: mean of row i off the diagonal, how strongly i
  ///   depends on the others;
  /// - **influence gain** of j: mean of column j off the diagonal, how strongly j
  ///   affects the others.
  public func setolaIndices(overall: Bool = false) throws(DataError) -> (dependency: [Double], influence: [Double]) {
    let n = count
    guard n > 1 else { return ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n)) }
    let m: Matrix
    if overall {
      let lu = try factorizeIMinusA()
      do { m = try lu.inverse() } catch { throw unstable(detail: "\(error)") }
    } else {
      m = interdependency
    }
    var dependency = [Double](repeating: 0, count: n)
    var influence = [Double](repeating: 0, count: n)
    for j in 0..<n {
      for i in 0..<n where i != j {
        dependency[i] += m[i, j]
        influence[j] += m[i, j]
      }
    }
    let scale = 1 / Double(n - 1)
    return (dependency.map { $0 * scale }, influence.map { $0 * scale })
  }
}

/// Bounds on the spectral radius of a nonnegative `A*` from `y = (I − A*)⁻¹·1`:
/// by Collatz–Wielandt, `min_i (A*y)_i/y_i ≤ ρ ≤ max_i (A*y)_i/y_i`, and
/// `(A*y)_i/y_i = 1 − 1/y_i`.
public struct SpectralBound: Sendable, Hashable {
  /// Lower bound on ρ(A*).
  public var lower: Double
  /// Upper bound on ρ(A*) (< 1: the model is stable).
  public var upper: Double

  /// Bounds from the certificate `y`; nil unless every entry is positive and finite.
  init?(certificate y: [Double]) {
    var lo = Double.infinity
    var hi = 0.0
    for v in y {
      guard v.isFinite && v > 0 else { return nil }
      lo = min(lo, v)
      hi = max(hi, v)
    }
    if y.isEmpty { lo = 1; hi = 1 }
    lower = max(0, 1 - 1 / lo)
    upper = max(0, 1 - 1 / hi)
  }
}

/// An IIM equilibrium: inoperability per sector, saturation, losses and rankings.
public struct InoperabilityEquilibrium: Sendable {
  /// Sector labels.
  public var sectors: [String]
  /// The perturbation `c*` solved for.
  public var perturbation: [Double]
  /// `q` per sector (after clipping, if asked).
  public var inoperability: [Double]
  /// Whether the linear solution exceeded 1 for the sector.
  public var saturated: [Bool]
  /// Whether saturated sectors were clipped (``InoperabilityModel/SaturationPolicy/clip``).
  public var clipped: Bool
  /// Total output per sector, when known.
  public var output: [Double]?
  /// Bounds on ρ(A*) certified by the solve.
  public var spectralBound: SpectralBound

  /// Economic loss `Q_i = x_i · q_i` (in the table's money unit per year), when
  /// total output is known.
  public var loss: [Double]? {
    output.map { x in zip(x, inoperability).map { $0 * $1 } }
  }

  /// Sector indices by inoperability, largest first (ties: table order).
  public var rankingByInoperability: [Int] { Self.ranking(inoperability) }

  /// Sector indices by economic loss, largest first; nil without output.
  public var rankingByLoss: [Int]? { loss.map(Self.ranking) }

  static func ranking(_ values: [Double]) -> [Int] {
    values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
  }
}
