import Foundation
import RensaLinearAlgebra

/// The dynamic IIM (DIIM) of Lian & Haimes (2006): recovery over discrete steps,
///
///     q(t + 1) = q(t) + K·[A*·q(t) + c*(t) − q(t)],
///
/// with `K` the diagonal **resilience** matrix (`k_i` in [0, 1]: the share of
/// the gap to equilibrium that sector i closes per step). Written as
/// `q(t + 1) = M·q(t) + K·c*(t)` with the transition `M = I − K·(I − A*)`.
///
/// Many scenarios run at once: the states of s scenarios form an n × s matrix
/// and each step is one matrix–matrix product (`dgemm`), not s matrix–vector
/// products. Perturbations are piecewise constant: a list of ``Segment``s.
///
/// ```swift
/// let diim = try DynamicInoperabilityModel(model: model, resilience: [0.3, 0.5])
/// let run = try diim.simulate(initial: Matrix(column: [0, 0]),
///     segments: [.init(steps: 100, perturbation: Matrix(column: [0, 0.6]))], recordStates: true)
/// run.final            // ≈ the IIM equilibrium [4/7, 5/7]
/// ```
public struct DynamicInoperabilityModel: Sendable {
  /// The static model (`A*`, sectors, output).
  public let model: InoperabilityModel
  /// `k_i`, the diagonal of K.
  public let resilience: [Double]
  /// `M = I − K·(I − A*)`.
  public var transition: Matrix { transitionTransposed.transposed }
  /// `Mᵀ`, stored so that products run as `Mᵀᵀ·Q` (BLAS's transposed kernels
  /// read the matrix in its memory order and are faster for thin Q, 2× for one
  /// vector with OpenBLAS here).
  let transitionTransposed: Matrix

  /// A model with resilience coefficients `k_i` in [0, 1].
  ///
  /// - Throws: ``DataError`` naming each sector whose coefficient is outside [0, 1]
  ///   or not a number, or a count that differs from the sectors'.
  public init(model: InoperabilityModel, resilience: [Double], origin: String = "resilience") throws(DataError) {
    let n = model.count
    if resilience.count != n {
      throw DataError([DataIssue(file: origin, reason: "\(resilience.count) resilience coefficients for \(n) sectors")])
    }
    var issues: [DataIssue] = []
    for (i, k) in resilience.enumerated() where !(k.isFinite && k >= 0 && k <= 1) {
      issues.append(DataIssue(
        file: origin, field: model.sectors[i], reason: "resilience k = \(k) is outside [0, 1]",
        hint: "k is the share of the gap to equilibrium closed per step; a faster recovery needs a shorter step"))
    }
    if !issues.isEmpty { throw DataError(issues) }
    self.model = model
    self.resilience = resilience
    var mt = Matrix(rows: n, columns: n)
    model.interdependency.elements.withUnsafeBufferPointer { a in
      mt.elements.withUnsafeMutableBufferPointer { out in
        for i in 0..<n {
          let k = resilience[i]
          for j in 0..<n { out[j + i * n] = k * a[i + j * n] }
          out[i + i * n] += 1 - k
        }
      }
    }
    self.transitionTransposed = mt
  }

  /// Resilience coefficients from target recovery times (Lian & Haimes 2006):
  /// `k_i = ln(q_i(0) / q_i(T_i)) / (T_i · (1 − a*_ii))`, where sector i, left to
  /// itself, falls from `q_i(0)` to `q_i(T_i)` in `T_i` steps. `ratio` is
  /// `q_i(0)/q_i(T_i)` (100: recovered to 1 % of the initial inoperability).
  ///
  /// - Throws: ``DataError`` for a recovery time that is not positive or so short
  ///   that `k_i > 1` (the step is too coarse for it), or a ratio ≤ 1.
  public static func resilience(recoveryTimes: [Double], ratio: Double = 100, model: InoperabilityModel, origin: String = "recovery times")
    throws(DataError) -> [Double]
  {
    let n = model.count
    if recoveryTimes.count != n {
      throw DataError([DataIssue(file: origin, reason: "\(recoveryTimes.count) recovery times for \(n) sectors")])
    }
    guard ratio.isFinite && ratio > 1 else {
      throw DataError([DataIssue(file: origin, reason: "recovery ratio q(0)/q(T) = \(ratio) must be > 1")])
    }
    var issues: [DataIssue] = []
    var k = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let t = recoveryTimes[i]
      guard t.isFinite && t > 0 else {
        issues.append(DataIssue(file: origin, field: model.sectors[i], reason: "recovery time \(t) is not a positive number of steps"))
        continue
      }
      k[i] = log(ratio) / (t * (1 - model.interdependency[i, i]))
      if k[i] > 1 {
        issues.append(DataIssue(
          file: origin, field: model.sectors[i],
          reason: "recovery in \(NumberFormat.significant(t)) steps needs k = \(NumberFormat.significant(k[i], digits: 4)) > 1",
          hint: "use a shorter time step, so that the recovery takes at least \(NumberFormat.significant(log(ratio) / (1 - model.interdependency[i, i]), digits: 4)) steps"))
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
    return k
  }

  /// A stretch of steps with a constant perturbation: `c*` per sector (rows) and
  /// scenario (columns).
  public struct Segment: Sendable {
    /// Steps the perturbation lasts (≥ 0).
    public var steps: Int
    /// `c*`, n × s.
    public var perturbation: Matrix

    public init(steps: Int, perturbation: Matrix) {
      self.steps = steps
      self.perturbation = perturbation
    }
  }

  /// The outcome of a run over T steps for s scenarios.
  public struct Run: Sendable {
    /// `q(T)`, n × s.
    public var final: Matrix
    /// `Σ_{t=0}^{T−1} q(t)`, n × s: inoperability-steps (each state holds for one
    /// step). Multiply row i by `x_i` (and the step's share of a year) for the
    /// cumulative economic loss.
    public var cumulative: Matrix
    /// `q(0), …, q(T)` when recorded (n × s each); empty otherwise.
    public var states: [Matrix]
    /// T.
    public var steps: Int
  }

  func check(initial: Matrix, segments: [Segment]) throws(DataError) {
    let n = model.count
    var issues: [DataIssue] = []
    if initial.rows != n { issues.append(DataIssue(file: "initial state", reason: "\(initial.rows) rows for \(n) sectors")) }
    for (i, v) in initial.elements.enumerated() where !(v.isFinite && v >= 0 && v <= 1) {
      issues.append(DataIssue(
        file: "initial state", field: "\(model.sectors[i % max(n, 1)]), scenario \(i / max(n, 1) + 1)",
        reason: "q(0) = \(v) is outside [0, 1]"))
    }
    for (s, segment) in segments.enumerated() {
      if segment.steps < 0 { issues.append(DataIssue(file: "segment \(s + 1)", reason: "\(segment.steps) steps")) }
      if segment.perturbation.rows != n || segment.perturbation.columns != initial.columns {
        issues.append(DataIssue(
          file: "segment \(s + 1)",
          reason: "perturbation is \(segment.perturbation.rows)×\(segment.perturbation.columns), expected \(n)×\(initial.columns)"))
        continue
      }
      for (i, v) in segment.perturbation.elements.enumerated() where !(v.isFinite && v >= 0 && v <= 1) {
        issues.append(DataIssue(
          file: "segment \(s + 1)", field: "\(model.sectors[i % max(n, 1)]), scenario \(i / max(n, 1) + 1)",
          reason: "c* = \(v) is outside [0, 1]"))
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
  }

  /// Runs the recursion step by step: one `dgemm` (one `dgemv` for a single
  /// scenario) per step. O(T · n² · s).
  ///
  /// - Parameters:
  ///   - initial: `q(0)` per sector (rows) and scenario (columns), in [0, 1].
  ///   - segments: the perturbations, each constant for its number of steps.
  ///   - recordStates: keep every state `q(0) … q(T)` (memory
  ///     8 · n · s · (T + 1) bytes); otherwise only the final and cumulative states.
  public func simulate(initial: Matrix, segments: [Segment], recordStates: Bool = false) throws(DataError) -> Run {
    try check(initial: initial, segments: segments)
    let n = model.count
    let s = initial.columns
    var q = initial
    var cumulative = Matrix(rows: n, columns: s)
    var states: [Matrix] = recordStates ? [initial] : []
    var total = 0
    for segment in segments where segment.steps > 0 {
      step(&q, cumulative: &cumulative, segment: segment, record: recordStates, states: &states)
      total += segment.steps
    }
    return Run(final: q, cumulative: cumulative, states: states, steps: total)
  }

  /// Runs one segment step by step, adding each state before its step to `cumulative`.
  func step(_ q: inout Matrix, cumulative: inout Matrix, segment: Segment, record: Bool, states: inout [Matrix]) {
    let n = model.count
    let s = q.columns
    var next = Matrix(rows: n, columns: s)
    // K·c*, the constant part of every step of the segment.
    var forcing = segment.perturbation
    for j in 0..<s { for i in 0..<n { forcing.elements[i + j * n] *= resilience[i] } }
    for _ in 0..<segment.steps {
      cumulative.elements.withUnsafeMutableBufferPointer { c in
        q.elements.withUnsafeBufferPointer { qq in
          for k in 0..<(n * s) { c[k] += qq[k] }
        }
      }
      next.elements.withUnsafeMutableBufferPointer { dst in
        forcing.elements.withUnsafeBufferPointer { src in
          dst.baseAddress!.update(from: src.baseAddress!, count: n * s)
        }
      }
      Matrix.gemm(transitionTransposed, q, transposeA: true, beta: 1, into: &next)
      swap(&q, &next)
      if record { states.append(q) }
    }
  }

  /// Whether stepping a segment costs less than the closed form: L thin products
  /// (2n²s flops each) against ⌊log₂ L⌋ squarings (2n³) and one thin product per
  /// set bit of L.
  func steppingIsCheaper(steps: Int, scenarios: Int) -> Bool {
    let n = Double(model.count)
    let s = Double(scenarios)
    let squarings = Double(Int.bitWidth - steps.leadingZeroBitCount - 1)
    let applications = Double(steps.nonzeroBitCount)
    return Double(steps) * n * n * s <= squarings * n * n * n + applications * n * n * s
  }

  /// The final and cumulative states in closed form, without stepping: for a
  /// segment of L steps with constant `C`, with `Q∞ = (I − A*)⁻¹·C` (the IIM
  /// equilibrium) and `E = Q(0) − Q∞`,
  ///
  ///     Q(L)            = Q∞ + Mᴸ·E
  ///     Σ_{t<L} Q(t)    = L·Q∞ + (I − A*)⁻¹·K⁻¹·(E − Mᴸ·E)
  ///
  /// `Mᴸ·E` is applied by repeated squaring: ⌊log₂ L⌋ n × n products and a thin
  /// product per set bit of L, instead of L thin products. Squaring stops early
  /// once ‖M^(2^j)‖∞ < 1e-18: the remaining factor is then zero to working
  /// precision. Measured agreement with ``simulate(initial:segments:recordStates:)``
  /// is in Docs/Inoperability.md.
  ///
  /// A segment short enough that stepping costs fewer flops (L·n²·s ≤ ⌊log₂ L⌋·n³
  /// + popcount(L)·n²·s, e.g. L ≲ 250 for n = 2,000 and s = 64) is stepped instead;
  /// the results agree to rounding either way.
  ///
  /// - Throws: ``DataError`` if some `k_i = 0` (K is singular: use stepping) or
  ///   the static model is unstable.
  public func aggregate(initial: Matrix, segments: [Segment]) throws(DataError) -> Run {
    try check(initial: initial, segments: segments)
    let n = model.count
    let s = initial.columns
    if let i = resilience.firstIndex(where: { $0 == 0 }) {
      throw DataError([DataIssue(
        file: "resilience", field: model.sectors[i], reason: "k = 0: the closed form needs every k > 0",
        hint: "simulate step by step instead")])
    }
    let lu = try model.factorizeIMinusA()
    var q = initial
    var cumulative = Matrix(rows: n, columns: s)
    var total = 0
    for segment in segments where segment.steps > 0 {
      if steppingIsCheaper(steps: segment.steps, scenarios: s) {
        var unused: [Matrix] = []
        step(&q, cumulative: &cumulative, segment: segment, record: false, states: &unused)
        total += segment.steps
        continue
      }
      let steady: Matrix
      do { steady = try lu.solve(segment.perturbation) } catch { throw model.unstable(detail: "\(error)") }
      let e = q - steady
      let decayed = applyPower(segment.steps, to: e)
      // Σ_{t<L} Q(t) = L·Q∞ + (I − A*)⁻¹ K⁻¹ (E − Mᴸ E).
      var gap = e - decayed
      for j in 0..<s { for i in 0..<n { gap.elements[i + j * n] /= resilience[i] } }
      do { try lu.solve(inPlace: &gap) } catch { throw model.unstable(detail: "\(error)") }
      let length = Double(segment.steps)
      for k in 0..<(n * s) { cumulative.elements[k] += length * steady.elements[k] + gap.elements[k] }
      q = steady + decayed
      total += segment.steps
    }
    return Run(final: q, cumulative: cumulative, states: [], steps: total)
  }

  /// `Mᴸ·E` by repeated squaring of M, applying each power whose bit is set.
  func applyPower(_ steps: Int, to e: Matrix) -> Matrix {
    // base holds (M^(2^j))ᵀ: (Mᵀ)² = (M²)ᵀ, and ‖M^(2^j)‖∞ = ‖(M^(2^j))ᵀ‖₁.
    var result = e
    var base = transitionTransposed
    var remaining = steps
    while remaining > 0 {
      if remaining & 1 == 1 {
        var next = Matrix(rows: result.rows, columns: result.columns)
        Matrix.gemm(base, result, transposeA: true, into: &next)
        result = next
      }
      remaining >>= 1
      if remaining > 0 {
        if base.oneNorm < 1e-18 {
          // Every further factor has norm below 1e-36: the product vanishes.
          return Matrix(rows: e.rows, columns: e.columns)
        }
        base = base * base
      }
    }
    return result
  }

  /// The cumulative economic loss per sector and scenario, `x_i · Σ_t q_i(t)`
  /// scaled by `stepFraction` (the step's share of the period `x` covers; 1/365
  /// for daily steps and annual output). Nil without output.
  public func cumulativeLoss(_ run: Run, stepFraction: Double) -> Matrix? {
    guard let x = model.output else { return nil }
    var loss = run.cumulative
    let n = model.count
    for j in 0..<loss.columns { for i in 0..<n { loss.elements[i + j * n] *= x[i] * stepFraction } }
    return loss
  }
}
