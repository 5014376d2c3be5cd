import Rensa
import RensaLP

/// Primary and secondary suppression of linked **magnitude** tables (sums of a
/// non-negative quantity of the records, such as user-hours lost), with the p % rule and
/// an exact continuous audit: after it, no withheld sum can be estimated from what is
/// published to within p % of its value.
///
/// The counterpart of ``CellSuppression`` for sums. Cells are sets of records (they may
/// overlap: an incident with several causes is in each cause's cell) published in
/// editions (CLEAR, then GREEN), edition `e` summing the records whose layer is at most
/// `e`; editions are decided in order and a lower one never depends on records above it.
///
/// - **Sensitive** (primary): a non-empty cell from fewer than `k` distinct reporters, or
///   one failing the **p % rule**: with the reporters' sums x₁ ≥ x₂ ≥ … and the total X,
///   `X − x₁ − x₂ < p/100 · x₁` (the second largest reporter could estimate the largest
///   to within p %). The part that edition `e` adds to a cell (what differencing the two
///   editions gives) is sensitive by the same rule.
/// - **Audit**: the records are grouped into atoms (same cells, same layer); an attacker
///   knows every published sum of editions `0...e`. The least and greatest value of a
///   sensitive expression over non-negative atom sums reproducing them are solved for
///   exactly (simplex). It is protected when the range reaches at least p % of its value
///   on either side: `least ≤ (1 − p/100)·X` and `greatest ≥ (1 + p/100)·X` (or unbounded).
///   That is stricter than the p % rule's own protection level (p % of x₁ less the
///   remainder), and it does not use the records' unknown exact values.
/// - **Secondary suppression**: while a sensitive expression is not protected, a published
///   sum of the edition being decided is withheld: the smallest that alone protects it,
///   otherwise the one that widens its range most. Withholding only widens ranges, so one
///   pass suffices; the final audit checks every sensitive expression again.
///
/// Empty cells (sum 0 of no record) are never withheld. The result is a function of the
/// records' values, reporters and layers, the cells and the rule only.
public struct MagnitudeSuppression: Sendable {
  public struct Rule: Sendable, Hashable {
    /// k: the least number of distinct reporters behind a published sum.
    public var minimumReporters: Int
    /// p: the p % rule's percentage, and the least relative uncertainty of a withheld sum.
    public var percent: Double
    /// Whether complementary sums are withheld (off only to show what an attacker then recovers).
    public var secondary: Bool

    public init(minimumReporters: Int = 3, percent: Double = 10, secondary: Bool = true) {
      self.minimumReporters = minimumReporters
      self.percent = percent
      self.secondary = secondary
    }
  }

  public enum Status: Sendable, Hashable {
    case published(Double)
    case primary
    case secondary

    public var isWithheld: Bool {
      if case .published = self { return false }
      return true
    }
  }

  /// The audit of one sensitive expression.
  public struct Range: Sendable, Hashable {
    public var cell: Int
    /// true: the part edition `layer` adds to the cell; false: the cell in edition `layer`.
    public var isDifference: Bool
    public var layer: Int
    public var value: Double
    public var least: Double
    /// nil: no upper bound.
    public var greatest: Double?
    public var isProtected: Bool
  }

  /// `status[e][c]`: cell `c` in edition `e`.
  public let status: [[Status]]
  public let audit: [Range]
  public let rule: Rule
  public var isProtected: Bool { audit.allSatisfy(\.isProtected) }

  /// - Parameters:
  ///   - cells: each cell's records (indices into `value`, `reporter` and `layer`).
  ///   - value: each record's non-negative quantity.
  ///   - reporter: each record's reporter (interned).
  ///   - layer: each record's lowest edition (0 ..< editions).
  ///   - editions: how many editions are published.
  ///   - rule: k, p and whether complementary sums are withheld.
  /// - Throws: `LinearProgramError` only for a programme GLPK cannot be given.
  public init(cells: [[Int]], value: [Double], reporter: [Int], layer: [Int], editions: Int, rule: Rule) throws(LinearProgramError) {
    precondition(value.count == reporter.count && layer.count == reporter.count && editions >= 1)
    precondition(value.allSatisfy { $0 >= 0 && $0.isFinite }, "magnitudes are finite and non-negative")
    self.rule = rule
    let k = max(1, rule.minimumReporters)
    let p = max(0, rule.percent) / 100
    // Atoms: records with the same cells and layer.
    var membership = [[Int]](repeating: [], count: value.count)
    for (c, records) in cells.enumerated() { for r in records { membership[r].append(c) } }
    var atomOf: [[Int]: Int] = [:]
    var atomCells: [[Int]] = []
    var atomLayer: [Int] = []
    for r in value.indices {
      let key = [layer[r]] + membership[r]
      if atomOf[key] == nil {
        atomOf[key] = atomCells.count
        atomCells.append(membership[r])
        atomLayer.append(layer[r])
      }
    }
    func sum(_ records: [Int]) -> Double { records.reduce(0) { $0 + value[$1] } }
    func sensitive(_ records: [Int]) -> Bool {
      guard !records.isEmpty else { return false }
      var byReporter: [Int: Double] = [:]
      for r in records { byReporter[reporter[r], default: 0] += value[r] }
      if byReporter.count < k { return true }
      let sorted = byReporter.values.sorted(by: >)
      let total = sorted.reduce(0, +)
      return total - sorted[0] - sorted[1] < p * sorted[0]
    }
    // Rows: (edition, cell) → the atoms it sums.
    var rows: [[(column: Int, coefficient: Double)]] = []
    for e in 0..<editions {
      for c in cells.indices {
        rows.append(atomCells.indices.filter { atomLayer[$0] <= e && atomCells[$0].contains(c) }.map { ($0, 1.0) })
      }
    }
    let lp = try LinearProgram(columns: atomCells.count, rows: rows, integer: false)
    var status = [[Status]](repeating: [], count: editions)
    // The sensitive expressions, with their atoms and true value.
    struct Expression {
      var cell: Int
      var isDifference: Bool
      var layer: Int
      var value: Double
      var terms: [(column: Int, coefficient: Double)]
    }
    var expressions: [Expression] = []
    func range(_ x: Expression) -> (least: Double, greatest: Double?) {
      var least = 0.0
      var greatest: Double? = nil
      if case .optimal(let v, _) = lp.optimum(x.terms, .minimise) { least = max(0, v) }
      if case .optimal(let v, _) = lp.optimum(x.terms, .maximise) { greatest = v }
      return (least, greatest)
    }
    func protected(_ x: Expression, _ r: (least: Double, greatest: Double?)) -> Bool {
      let slack = 1e-9 * max(1, x.value)
      return r.least <= (1 - p) * x.value + slack && (r.greatest.map { $0 >= (1 + p) * x.value - slack } ?? true)
    }
    for e in 0..<editions {
      let records = value.indices.filter { layer[$0] <= e }
      let inEdition = Set(records)
      var st: [Status] = cells.map { cell in
        let members = cell.filter(inEdition.contains)
        return sensitive(members) ? .primary : .published(sum(members))
      }
      for c in cells.indices {
        let members = cells[c].filter(inEdition.contains)
        if sensitive(members) {
          expressions.append(Expression(
            cell: c, isDifference: false, layer: e, value: sum(members),
            terms: atomCells.indices.filter { atomLayer[$0] <= e && atomCells[$0].contains(c) }.map { ($0, 1.0) }))
        }
        if e > 0 {
          let added = cells[c].filter { layer[$0] == e }
          if sensitive(added) {
            expressions.append(Expression(
              cell: c, isDifference: true, layer: e, value: sum(added),
              terms: atomCells.indices.filter { atomLayer[$0] == e && atomCells[$0].contains(c) }.map { ($0, 1.0) }))
          }
        }
      }
      func apply() {
        for c in cells.indices {
          if case .published(let v) = st[c] { lp.setBound(.fixed(v), row: e * cells.count + c) } else {
            lp.setBound(.free, row: e * cells.count + c)
          }
        }
      }
      apply()
      if rule.secondary {
        for x in expressions {
          var r = range(x)
          while !protected(x, r) {
            // Candidates: published non-empty sums of this edition, smallest first.
            let candidates = cells.indices.compactMap { c -> (Int, Double)? in
              if case .published(let v) = st[c], !cells[c].filter(inEdition.contains).isEmpty { return (c, v) }
              return nil
            }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            guard !candidates.isEmpty else { break }
            var chosen: Int? = nil
            var widest: (c: Int, width: Double)? = nil
            for (c, _) in candidates {
              lp.setBound(.free, row: e * cells.count + c)
              let trial = range(x)
              if case .published(let v) = st[c] { lp.setBound(.fixed(v), row: e * cells.count + c) }
              if protected(x, trial) {
                chosen = c
                break
              }
              let width = (trial.greatest ?? .infinity) - trial.least
              if widest == nil || width > widest!.width { widest = (c, width) }
            }
            let c = chosen ?? widest!.c
            st[c] = .secondary
            lp.setBound(.free, row: e * cells.count + c)
            r = range(x)
          }
        }
      }
      status[e] = st
    }
    // The final audit, everything published.
    audit = expressions.map { x in
      let r = range(x)
      return Range(
        cell: x.cell, isDifference: x.isDifference, layer: x.layer, value: x.value, least: r.least, greatest: r.greatest,
        isProtected: protected(x, r))
    }
    self.status = status
  }
}
