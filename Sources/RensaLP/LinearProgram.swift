import CRensaGLPK

/// A linear programme over non-negative variables with sparse constraint rows, solved by
/// GLPK's primal simplex; where a vertex is fractional and integers were asked for, by
/// GLPK's branch-and-cut.
///
/// The rows are fixed when the programme is made; their bounds and the objective change
/// between solves, and each solve starts from the last basis (a warm start), which is
/// what an audit that asks for the least and the greatest value of many expressions over
/// the same constraints wants.
///
/// ```swift
/// // x + y = 5, x ≥ 1: y lies in [0, 4].
/// let lp = try LinearProgram(columns: 2, rows: [[(0, 1), (1, 1)], [(0, 1)]], integer: true)
/// lp.setBound(.fixed(5), row: 0)
/// lp.setBound(.atLeast(1), row: 1)
/// lp.optimum([(1, 1)], .maximise)   // .optimal(4, …)
/// ```
///
/// Not `Sendable`: it owns a GLPK problem object. Use one per thread.
///
/// - Complexity: a solve is a simplex run, in practice a few pivots per changed bound
///   from a warm start; branch-and-cut only when the vertex is fractional.
public final class LinearProgram {
  /// The bound of a row's value (the row's Σ coefficient × variable).
  public enum Bound: Sendable, Hashable {
    case fixed(Double)
    case atLeast(Double)
    case atMost(Double)
    case between(Double, Double)
    case free
  }

  public enum Sense: Sendable, Hashable {
    case minimise, maximise
  }

  /// What a solve found.
  public enum Outcome: Sendable, Hashable {
    /// The optimum; `integral`: the optimal vertex (or the branch-and-cut solution) has
    /// integer variables, so the value is exact over the integers too.
    case optimal(Double, integral: Bool)
    /// The objective has no bound in this sense.
    case unbounded
    /// No point satisfies the rows.
    case infeasible
  }

  public let columnCount: Int
  public let rowCount: Int
  /// Whether the variables are integers.
  public let integer: Bool
  private let problem: OpaquePointer
  private var objective: [Int32] = []
  /// Solves run so far (simplex runs and branch-and-cut runs).
  public private(set) var simplexRuns = 0
  public private(set) var branchAndCutRuns = 0

  /// - Parameters:
  ///   - columns: the number of variables, each ≥ 0.
  ///   - rows: each row as (variable, coefficient) pairs; bounds start free.
  ///   - integer: whether the variables take integer values only.
  /// - Throws: ``LinearProgramError`` for a variable index out of range or a non-finite
  ///   coefficient (GLPK would abort the process).
  public init(columns: Int, rows: [[(column: Int, coefficient: Double)]], integer: Bool) throws(LinearProgramError) {
    guard columns >= 0, columns < Int(Int32.max), rows.count < Int(Int32.max) else {
      throw .invalid("\(columns) variables and \(rows.count) rows are more than GLPK takes")
    }
    var ia: [Int32] = [0]
    var ja: [Int32] = [0]
    var ar: [Double] = [0]
    for (i, row) in rows.enumerated() {
      var seen = Set<Int>()
      for (j, a) in row {
        guard j >= 0 && j < columns else { throw .invalid("row \(i) names variable \(j) of \(columns)") }
        guard a.isFinite else { throw .invalid("row \(i) has a non-finite coefficient") }
        guard seen.insert(j).inserted else { throw .invalid("row \(i) names variable \(j) twice") }
        ia.append(Int32(i + 1))
        ja.append(Int32(j + 1))
        ar.append(a)
      }
    }
    guard ar.count < Int(Int32.max) else { throw .invalid("\(ar.count) coefficients are more than GLPK takes") }
    glp_term_out(GLP_OFF)
    problem = glp_create_prob()
    columnCount = columns
    rowCount = rows.count
    self.integer = integer
    if !rows.isEmpty { glp_add_rows(problem, Int32(rows.count)) }
    if columns > 0 { glp_add_cols(problem, Int32(columns)) }
    for i in 0..<rows.count { glp_set_row_bnds(problem, Int32(i + 1), GLP_FR, 0, 0) }
    for j in 0..<columns {
      glp_set_col_bnds(problem, Int32(j + 1), GLP_LO, 0, 0)
      if integer { glp_set_col_kind(problem, Int32(j + 1), GLP_IV) }
    }
    if ar.count > 1 { glp_load_matrix(problem, Int32(ar.count - 1), ia, ja, ar) }
  }

  /// Whether a starting basis has been chosen (Bixby's crash basis before the first solve).
  private var started = false

  deinit { glp_delete_prob(problem) }

  /// Sets the bound of `row`.
  public func setBound(_ bound: Bound, row: Int) {
    precondition(row >= 0 && row < rowCount, "row \(row) of \(rowCount)")
    let r = Int32(row + 1)
    switch bound {
    case .fixed(let v): glp_set_row_bnds(problem, r, GLP_FX, v, v)
    case .atLeast(let v): glp_set_row_bnds(problem, r, GLP_LO, v, 0)
    case .atMost(let v): glp_set_row_bnds(problem, r, GLP_UP, 0, v)
    case .between(let a, let b): glp_set_row_bnds(problem, r, a == b ? GLP_FX : GLP_DB, a, b)
    case .free: glp_set_row_bnds(problem, r, GLP_FR, 0, 0)
    }
  }

  /// The least or greatest value of Σ coefficient × variable over the rows' bounds (and
  /// the integers, when `integer`).
  ///
  /// - Parameter exact: with integer variables, whether a fractional optimal vertex is
  ///   followed by branch-and-cut to give the integer optimum (otherwise the LP value is
  ///   returned with `integral: false`).
  /// The optimal point of the last solve, when it was integral (nil otherwise).
  public private(set) var lastIntegralPoint: [Int]? = nil

  public func optimum(_ terms: [(column: Int, coefficient: Double)], _ sense: Sense, exact: Bool = true) -> Outcome {
    lastIntegralPoint = nil
    for j in objective { glp_set_obj_coef(problem, j, 0) }
    objective.removeAll(keepingCapacity: true)
    for (j, a) in terms {
      precondition(j >= 0 && j < columnCount, "variable \(j) of \(columnCount)")
      glp_set_obj_coef(problem, Int32(j + 1), a)
      objective.append(Int32(j + 1))
    }
    glp_set_obj_dir(problem, sense == .minimise ? GLP_MIN : GLP_MAX)
    var parameters = glp_smcp()
    glp_init_smcp(&parameters)
    parameters.msg_lev = GLP_MSG_OFF
    parameters.presolve = GLP_OFF
    simplexRuns += 1
    if !started && rowCount > 0 && columnCount > 0 {
      glp_adv_basis(problem, 0)
      started = true
    }
    var code = glp_simplex(problem, &parameters)
    if code != 0 {
      // A singular or ill-conditioned warm basis: start again from the standard basis.
      glp_std_basis(problem)
      code = glp_simplex(problem, &parameters)
      if code != 0 { return .infeasible }
    }
    switch glp_get_status(problem) {
    case GLP_OPT: break
    case GLP_UNBND: return .unbounded
    case GLP_NOFEAS: return .infeasible
    default:
      // GLP_UNDEF / GLP_FEAS after a stop: treat the dual side as GLPK reports it.
      if glp_get_dual_stat(problem) == GLP_NOFEAS { return .unbounded }
      return .infeasible
    }
    let value = glp_get_obj_val(problem)
    guard integer else { return .optimal(value, integral: false) }
    var integral = true
    var point = [Int](repeating: 0, count: columnCount)
    for j in 0..<columnCount {
      let x = glp_get_col_prim(problem, Int32(j + 1))
      if abs(x - x.rounded()) > 1e-7 {
        integral = false
        break
      }
      point[j] = Int(x.rounded())
    }
    if integral { lastIntegralPoint = point }
    if integral || !exact { return .optimal(value, integral: integral) }
    var mip = glp_iocp()
    glp_init_iocp(&mip)
    mip.msg_lev = GLP_MSG_OFF
    mip.presolve = GLP_OFF
    branchAndCutRuns += 1
    guard glp_intopt(problem, &mip) == 0 else { return .optimal(value, integral: false) }
    switch glp_mip_status(problem) {
    case GLP_OPT:
      lastIntegralPoint = (0..<columnCount).map { Int(glp_mip_col_val(problem, Int32($0 + 1)).rounded()) }
      return .optimal(glp_mip_obj_val(problem), integral: true)
    case GLP_NOFEAS: return .infeasible
    default: return .optimal(value, integral: false)
    }
  }

  /// The dual value of each row at the last simplex optimum: a row whose dual is not 0
  /// holds the optimum where it is.
  public func rowDuals() -> [Double] {
    (0..<rowCount).map { glp_get_row_dual(problem, Int32($0 + 1)) }
  }
}

/// A linear programme that GLPK cannot be given.
public enum LinearProgramError: Error, Sendable, Hashable, CustomStringConvertible {
  case invalid(String)

  public var description: String {
    switch self {
    case .invalid(let why): return "invalid linear programme: \(why)"
    }
  }
}
