import Rensa
import RensaLP

/// Primary and secondary (complementary) cell suppression of linked counts, with an
/// exact audit: after it, every sensitive count can take at least `k` integer values
/// given everything that is published.
///
/// The counts are **measures**: sets of records (incidents). A measure is published in
/// several **editions** (CLEAR, then GREEN), edition `e` counting the records whose
/// layer is at most `e`. Editions are decided in order: edition `e` is decided knowing
/// what editions `0..<e` publish, and never changes them, so a lower edition never
/// depends on records above it.
///
/// - **Sensitive** (primary): a non-empty count from fewer than `k` distinct reporters,
///   or (with the dominance rule) one where a single reporter holds more than p % of
///   the records. The part of a measure that edition `e` adds to edition `e − 1` (what
///   differencing the two editions gives) is sensitive by the same rule.
/// - **Audit**: the records are grouped into atoms, the records no published count can
///   tell apart (same measures, same layer). For a sensitive expression, its least and
///   greatest value over non-negative integer atom counts that reproduce every published
///   count of editions `0...e`, with every withheld count at least 1 (0 is always
///   published), are solved for exactly (simplex; branch-and-cut where a vertex is
///   fractional). It is protected when `greatest − least + 1 ≥ k` (or unbounded).
///   Using only the atoms that occur makes the audit stricter than an attacker who
///   knows the table structure but not which combinations occur.
/// - **Secondary suppression**: while a sensitive expression is not protected, a
///   published count of the edition being decided is withheld: among those whose row
///   holds the optimum (non-zero dual), the smallest that alone protects it, otherwise
///   the one that widens it most. Withholding only widens ranges, so one pass over the
///   sensitive expressions suffices.
///
/// Zero counts are never withheld. The result is a function of the records, their
/// reporters and layers, the measures and the rule only.
///
/// - Complexity: per sensitive expression two LP solves per check (warm-started, one LP
///   per connected component of atoms and counts); sensitive expressions with an atom
///   in no published count need none (their greatest value is unbounded).
public struct CellSuppression: Sendable {
  /// The rule.
  public struct Rule: Sendable, Hashable {
    /// k: the least number of distinct reporters behind a published count, and the least
    /// number of values a withheld one must be able to take.
    public var minimumReporters: Int
    /// p: a count where one reporter holds more than p % of the records is sensitive;
    /// nil: no dominance rule.
    public var dominancePercent: Double?
    /// Whether complementary cells are withheld (off only to show what an attacker then
    /// recovers).
    public var secondary: Bool

    public init(minimumReporters: Int = 3, dominancePercent: Double? = nil, secondary: Bool = true) {
      self.minimumReporters = minimumReporters
      self.dominancePercent = dominancePercent
      self.secondary = secondary
    }
  }

  /// What happens to one count of one edition.
  public enum Status: Sendable, Hashable {
    case published(Int)
    /// Withheld as sensitive itself.
    case primary
    /// Withheld to protect a sensitive count.
    case secondary

    public var isWithheld: Bool {
      if case .published = self { return false }
      return true
    }
  }

  /// The audit of one sensitive expression.
  public struct Range: Sendable, Hashable {
    /// The edition whose publication was audited (the expression may be of a lower one).
    public var edition: Int
    public var measure: Int
    /// true: the part edition `layer` adds to the measure; false: the count of edition `layer`.
    public var isDifference: Bool
    public var layer: Int
    /// The true count (the records').
    public var value: Int
    /// The least and greatest values the published counts allow, where solved for (the
    /// narrowest range, and every range that a cheaper argument did not show wide enough).
    public var least: Int?
    public var greatest: Int?
    /// The number of integer values it can take (nil: no upper bound); exact when
    /// `isExact`, otherwise a lower bound from a feasible point the audit exhibited.
    public var width: Int?
    public var isExact: Bool
  }

  /// `status[e][m]`: measure `m` in edition `e`.
  public let status: [[Status]]
  /// The final audit: every sensitive expression's range (of every edition, and every
  /// edition difference) given everything the editions publish together.
  public let audit: [Range]
  public let rule: Rule
  /// LP solves made (decisions and the final audit).
  public let solves: Int
  /// The fewest values any audited expression can take, exactly (nil: nothing bounded).
  public let narrowestWidth: Int?

  /// Whether every audited expression can take at least k values.
  public var isProtected: Bool { audit.allSatisfy { ($0.width ?? .max) >= rule.minimumReporters } }

  /// - Parameters:
  ///   - measures: each measure's records (indices into `reporter` and `layer`), any order.
  ///   - reporter: each record's reporter (interned).
  ///   - layer: each record's lowest edition (0 ..< editions).
  ///   - editions: how many editions are published.
  ///   - rule: k, the dominance rule, and whether complementary counts are withheld.
  /// - Throws: `LinearProgramError` (RensaLP) only for a programme GLPK cannot be given (not for
  ///   any input of valid indices).
  public init(
    measures: [[Int]], reporter: [Int], layer: [Int], editions: Int, rule: Rule
  ) throws(LinearProgramError) {
    self.rule = rule
    let k = max(1, rule.minimumReporters)
    let records = reporter.count
    precondition(layer.count == records && editions >= 1)
    // Sets per (edition, measure); counts and sensitivity.
    func sensitive(_ rs: [Int]) -> Bool {
      if rs.isEmpty { return false }
      var byReporter: [Int: Int] = [:]
      for r in rs { byReporter[reporter[r], default: 0] += 1 }
      if byReporter.count < k { return true }
      if let p = rule.dominancePercent, Double(byReporter.values.max()!) * 100 > p * Double(rs.count) { return true }
      return false
    }
    let memberships: [[Int]] = {
      var m = [[Int]](repeating: [], count: records)
      for (j, rs) in measures.enumerated() { for r in rs { m[r].append(j) } }
      return m
    }()
    var status: [[Status]] = []
    var audit: [Range] = []
    var solves = 0
    var narrowest: Int? = nil
    // Sensitive expressions so far: (edition of the expression, measure, difference?, records).
    var expressions: [(layer: Int, measure: Int, difference: Bool, records: [Int])] = []
    for e in 0..<editions {
      // This edition's counts and primary statuses.
      var current: [Status] = []
      for (j, rs) in measures.enumerated() {
        let mine = rs.filter { layer[$0] <= e }
        if sensitive(mine) {
          current.append(.primary)
          expressions.append((e, j, false, mine))
        } else {
          current.append(.published(mine.count))
        }
        if e > 0 {
          let added = rs.filter { layer[$0] == e }
          if added.count < mine.count && sensitive(added) { expressions.append((e, j, true, added)) }
        }
      }
      let system = try AuditSystem(
        measures: measures, memberships: memberships, layer: layer, through: e, decided: status, current: current)
      let sensitive = expressions.enumerated().map { system.expression($1.records, id: $0) }
      system.seed(sensitive)
      if rule.secondary {
        for x in sensitive {
          while true {
            let found = system.cachedCheck(x, k: k)
            if (found.width(value: x.value) ?? .max) >= k { break }
            guard let choice = system.complement(for: x, k: k, failing: found) else { break }
            current[choice] = .secondary
            system.withhold(choice)
          }
        }
      }
      status.append(current)
      solves += system.solves
      // The final audit, of the last edition: every expression (of every edition) against
      // everything the editions publish together. An edition below is audited by it too:
      // it publishes a part of the same counts, so its ranges are at least as wide.
      guard e == editions - 1 else { continue }
      let before = system.solves
      var ranges: [Range] = []
      for (x, y) in zip(expressions, sensitive) {
        let r = system.cachedCheck(y, k: k)
        ranges.append(Range(
          edition: e, measure: x.measure, isDifference: x.difference, layer: x.layer, value: x.records.count,
          least: r.least, greatest: r.greatest, width: r.width(value: x.records.count),
          isExact: r.least != nil && r.greatest != nil))
      }
      // The narrowest exactly: solve where a bound on the width could beat the best.
      let order = ranges.indices.filter { ranges[$0].width != nil }.sorted { ranges[$0].width! < ranges[$1].width! }
      var best = Int.max
      for i in order where ranges[i].width! < best {
        if !ranges[i].isExact {
          let (least, greatest) = system.exact(sensitive[i])
          ranges[i].least = least
          ranges[i].greatest = greatest
          ranges[i].width = greatest.map { $0 - least + 1 }
          ranges[i].isExact = true
        }
        if let w = ranges[i].width { best = min(best, w) }
      }
      if best < .max { narrowest = min(narrowest ?? best, best) }
      audit += ranges
      solves += system.solves - before
    }
    self.status = status
    self.audit = audit
    self.solves = solves
    self.narrowestWidth = narrowest
  }
}

/// The linear system of one edition's audit: atoms, counts as rows, one LP per
/// connected component.
final class AuditSystem {
  /// Rows: (edition, measure) counts that have records. `rowEdition`, `rowMeasure`.
  private var rowEdition: [Int] = []
  private var rowMeasure: [Int] = []
  private var rowValue: [Int] = []
  private var rowPublished: [Bool] = []
  /// The row of this edition's measure j (nil: no records).
  private var currentRow: [Int?]
  private let edition: Int
  /// Atom of each record (nil: layer above the edition); atoms' rows; rows' atoms.
  private var atomOf: [Int?]
  private var atomRows: [[Int]] = []
  /// Records in each atom (the true solution).
  private var atomSize: [Int] = []
  /// Atoms of each component.
  private var componentAtoms: [[Int]] = []
  private var rowAtoms: [[Int]] = []
  /// Component of each atom, the atom's column in it; one LP per component.
  private var component: [Int] = []
  private var column: [Int] = []
  private var programmes: [LinearProgram] = []
  /// Rows of each component (global row → local row).
  private var localRow: [Int] = []
  private var componentRows: [[Int]] = []
  private(set) var solves = 0

  init(
    measures: [[Int]], memberships: [[Int]], layer: [Int], through e: Int, decided: [[CellSuppression.Status]],
    current: [CellSuppression.Status]
  ) throws(LinearProgramError) {
    edition = e
    currentRow = Array(repeating: nil, count: measures.count)
    // Atoms: records with the same measures and layer.
    var atomKey: [[Int]: Int] = [:]
    atomOf = Array(repeating: nil, count: layer.count)
    for r in layer.indices where layer[r] <= e {
      let key = memberships[r] + [-1 - layer[r]]
      if let a = atomKey[key] {
        atomOf[r] = a
      } else {
        atomKey[key] = atomKey.count
        atomOf[r] = atomKey.count - 1
      }
    }
    let atomCount = atomKey.count
    atomSize = Array(repeating: 0, count: atomCount)
    for a in atomOf { if let a { atomSize[a] += 1 } }
    atomRows = Array(repeating: [], count: atomCount)
    // Rows of editions 0...e.
    for f in 0...e {
      for (j, rs) in measures.enumerated() {
        var atoms = Set<Int>()
        var count = 0
        for r in rs where layer[r] <= f {
          atoms.insert(atomOf[r]!)
          count += 1
        }
        guard count > 0 else { continue }
        let row = rowEdition.count
        let status = f < e ? decided[f][j] : current[j]
        rowEdition.append(f)
        rowMeasure.append(j)
        rowValue.append(count)
        rowPublished.append(!status.isWithheld)
        let sorted = atoms.sorted()
        rowAtoms.append(sorted)
        for a in sorted { atomRows[a].append(row) }
        if f == e { currentRow[j] = row }
      }
    }
    // Components (union–find over atoms through rows).
    var parent = Array(0..<atomCount)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    for atoms in rowAtoms { for a in atoms.dropFirst() { let (p, q) = (find(atoms[0]), find(a)); if p != q { parent[max(p, q)] = min(p, q) } } }
    var componentOf: [Int: Int] = [:]
    component = Array(repeating: 0, count: atomCount)
    column = Array(repeating: 0, count: atomCount)
    var sizes: [Int] = []
    for a in 0..<atomCount {
      let root = find(a)
      let c = componentOf[root] ?? {
        componentOf[root] = sizes.count
        sizes.append(0)
        return sizes.count - 1
      }()
      component[a] = c
      column[a] = sizes[c]
      sizes[c] += 1
    }
    componentAtoms = Array(repeating: [], count: sizes.count)
    for a in 0..<atomCount { componentAtoms[component[a]].append(a) }
    componentRows = Array(repeating: [], count: sizes.count)
    localRow = Array(repeating: 0, count: rowAtoms.count)
    for (row, atoms) in rowAtoms.enumerated() {
      let c = component[atoms[0]]
      localRow[row] = componentRows[c].count
      componentRows[c].append(row)
    }
    version = Array(repeating: 0, count: sizes.count)
    pool = sizes.map { [[Int](repeating: 0, count: $0)] }
    for a in 0..<atomCount { pool[component[a]][0][column[a]] = atomSize[a] }
    for c in 0..<sizes.count {
      let rows = componentRows[c].map { row in rowAtoms[row].map { (column: column[$0], coefficient: 1.0) } }
      let lp = try LinearProgram(columns: sizes[c], rows: rows, integer: true)
      for row in componentRows[c] { lp.setBound(bound(row), row: localRow[row]) }
      programmes.append(lp)
    }
  }

  private func bound(_ row: Int) -> LinearProgram.Bound {
    rowPublished[row] ? .fixed(Double(rowValue[row])) : .atLeast(1)
  }

  /// Withholds this edition's count of measure `j`.
  func withhold(_ j: Int) {
    guard let row = currentRow[j], rowPublished[row] else { return }
    rowPublished[row] = false
    let c = component[rowAtoms[row][0]]
    version[c] += 1
    programmes[c].setBound(bound(row), row: localRow[row])
  }

  /// A sensitive expression: the atoms of its records, its true value, an id for the cache.
  struct Expression {
    var atoms: [Int]
    var value: Int
    var id: Int
  }

  func expression(_ records: [Int], id: Int) -> Expression {
    Expression(atoms: Array(Set(records.compactMap { atomOf[$0] })).sorted(), value: records.count, id: id)
  }

  /// What a check found: the greatest value (nil: unbounded, or not solved when
  /// `shown` proved enough), the least when it was solved, a value the count is shown to
  /// reach without solving, and the rows that hold the optimum (for the complement search).
  struct Check {
    var greatest: Int?
    var least: Int?
    var unbounded: Bool
    /// Values the count takes at feasible integer points the audit has (the true one
    /// among them): the greatest is at least `high`, the least at most `low`.
    var high: Int
    var low: Int
    var binding: [Int]

    /// The number of values it can take, or a lower bound of it (nil: unbounded).
    func width(value: Int) -> Int? {
      if unbounded { return nil }
      return (greatest ?? high) - (least ?? low) + 1
    }
  }

  /// Feasible integer points of each component (columns of its LP), the true one first:
  /// optima of earlier solves. Withholding only relaxes rows, so a point stays feasible;
  /// points found while a row is withheld on trial are not kept.
  private var pool: [[[Int]]] = []
  private var trial = false

  private func remember(_ lp: LinearProgram, _ c: Int) {
    guard !trial, let point = lp.lastIntegralPoint else { return }
    if pool[c].count < 64 { pool[c].append(point) } else { pool[c][1 + (solves % 63)] = point }
  }

  /// Adds to each component's pool the points where the sensitive expressions are all as
  /// large, and all as small, as the published counts allow (two solves a component):
  /// most expressions then show k values at once, without a solve of their own.
  func seed(_ expressions: [Expression]) {
    var weight: [Int: [Int: Double]] = [:]
    for x in expressions {
      for a in x.atoms where atomRows[a].contains(where: { rowPublished[$0] }) {
        weight[component[a], default: [:]][column[a], default: 0] += 1
      }
    }
    for (c, terms) in weight.sorted(by: { $0.key < $1.key }) {
      let objective = terms.sorted { $0.key < $1.key }.map { (column: $0.key, coefficient: $0.value) }
      for sense in [LinearProgram.Sense.maximise, .minimise] {
        solves += 1
        if case .optimal = programmes[c].optimum(objective, sense) { remember(programmes[c], c) }
      }
    }
  }

  /// The least and greatest value of the expression over the pool of its component.
  private func pooled(_ atoms: [Int]) -> (low: Int, high: Int) {
    let columns = atoms.map { column[$0] }
    var low = Int.max
    var high = Int.min
    for point in pool[component[atoms[0]]] {
      var v = 0
      for j in columns { v += point[j] }
      low = min(low, v)
      high = max(high, v)
    }
    return (low, high)
  }

  func check(_ x: Expression, k: Int) -> Check {
    let atoms = x.atoms
    let value = x.value
    guard let first = atoms.first else { return Check(greatest: 0, least: 0, unbounded: false, high: 0, low: 0, binding: []) }
    if atoms.contains(where: { a in !atomRows[a].contains { rowPublished[$0] } }) {
      return Check(greatest: nil, least: nil, unbounded: true, high: value, low: value, binding: [])
    }
    let (low, high) = pooled(atoms)
    if high - low + 1 >= k { return Check(greatest: nil, least: nil, unbounded: false, high: high, low: low, binding: []) }
    let c = component[first]
    let lp = programmes[c]
    let terms = atoms.map { (column: column[$0], coefficient: 1.0) }
    solves += 1
    guard case .optimal(let hiValue, _) = lp.optimum(terms, .maximise) else {
      return Check(greatest: nil, least: nil, unbounded: true, high: value, low: value, binding: [])
    }
    remember(lp, c)
    let greatest = Int((hiValue + 1e-6).rounded(.down))
    if greatest - low + 1 >= k { return Check(greatest: greatest, least: nil, unbounded: false, high: greatest, low: low, binding: []) }
    // Not protected: the rows holding the optimum are the candidates to withhold.
    var binding = bindingRows(lp, c)
    solves += 1
    var least = 0
    if case .optimal(let v, _) = lp.optimum(terms, .minimise) { least = Int((v - 1e-6).rounded(.up)) }
    remember(lp, c)
    binding += bindingRows(lp, c)
    return Check(greatest: greatest, least: least, unbounded: false, high: greatest, low: least, binding: binding)
  }

  /// The exact least and greatest values (two solves at most).
  func exact(_ x: Expression) -> (least: Int, greatest: Int?) {
    let atoms = x.atoms
    guard let first = atoms.first else { return (0, 0) }
    let lp = programmes[component[first]]
    let terms = atoms.map { (column: column[$0], coefficient: 1.0) }
    let c = component[first]
    solves += 2
    var least = 0
    if case .optimal(let v, _) = lp.optimum(terms, .minimise) { least = Int((v - 1e-6).rounded(.up)) }
    remember(lp, c)
    guard case .optimal(let v, _) = lp.optimum(terms, .maximise) else { return (least, nil) }
    remember(lp, c)
    return (least, Int((v + 1e-6).rounded(.down)))
  }

  /// Rows (global) with a non-zero dual at the last optimum of component `c`.
  private func bindingRows(_ lp: LinearProgram, _ c: Int) -> [Int] {
    lp.rowDuals().enumerated().filter { abs($0.element) > 1e-9 }.map { componentRows[c][$0.offset] }
  }

  /// Checks of record sets made since their component last changed: a withholding only
  /// widens ranges, and an unchanged component gives the same answer.
  private var cache: [Int: (version: Int, check: Check)] = [:]
  private var version: [Int] = []

  func cachedCheck(_ x: Expression, k: Int) -> Check {
    guard let first = x.atoms.first else { return check(x, k: k) }
    let v = version[component[first]]
    if let hit = cache[x.id], hit.version == v { return hit.check }
    let r = check(x, k: k)
    cache[x.id] = (v, r)
    return r
  }

  /// A published count of this edition to withhold for `records`: among those whose row
  /// holds the least or greatest value (non-zero dual), the smallest that alone protects
  /// them, otherwise the one that widens most; nil when none is left.
  func complement(for x: Expression, k: Int, failing: Check) -> Int? {
    let atoms = x.atoms
    guard let first = atoms.first else { return nil }
    let c = component[first]
    let lp = programmes[c]
    // The failing check solved the LP (a pool or unbounded answer would have passed), so
    // its rows at the optimum are those of the current bounds.
    let binding = Set(failing.binding)
    func candidates(_ rows: [Int]) -> [Int] {
      rows.filter { rowEdition[$0] == edition && rowPublished[$0] }
        .sorted { (rowValue[$0], rowMeasure[$0]) < (rowValue[$1], rowMeasure[$1]) }
    }
    var list = candidates(binding.sorted())
    if list.isEmpty { list = candidates(componentRows[c]) }
    var best: (row: Int, width: Int)? = nil
    for row in list {
      rowPublished[row] = false
      lp.setBound(bound(row), row: localRow[row])
      trial = true
      let r = check(x, k: k)
      trial = false
      rowPublished[row] = true
      lp.setBound(bound(row), row: localRow[row])
      let w = r.width(value: x.value) ?? .max
      if w >= k { return rowMeasure[row] }
      if best == nil || w > best!.width { best = (row, w) }
    }
    return best.map { rowMeasure[$0.row] }
  }
}
