import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// CellSuppression against enumeration: on small random systems of linked counts, every
/// range the audit reports is what enumerating every integer solution gives.
@Suite struct CellSuppressionTests {
  struct System {
    var measures: [[Int]]
    var reporter: [Int]
    var layer: [Int]
  }

  func random(_ rng: inout Xoshiro256StarStar) -> System {
    let records = 3 + Int(rng.next() % 5)
    let reporter = (0..<records).map { _ in Int(rng.next() % 4) }
    let layer = (0..<records).map { _ in Int(rng.next() % 2) }
    // A total, a partition of it into 2–3 parts, and 1–3 other random subsets.
    var measures: [[Int]] = [Array(0..<records)]
    let parts = 2 + Int(rng.next() % 2)
    let part = (0..<records).map { _ in Int(rng.next() % UInt64(parts)) }
    for p in 0..<parts { measures.append((0..<records).filter { part[$0] == p }) }
    for _ in 0..<(1 + Int(rng.next() % 3)) { measures.append((0..<records).filter { _ in rng.next() % 2 == 0 }) }
    return System(measures: measures.filter { !$0.isEmpty }, reporter: reporter, layer: layer)
  }

  /// Every integer solution with atom counts in 0...bound that reproduces the published
  /// counts of editions 0...e (withheld ones ≥ 1), and each record's atom.
  func solutions(_ s: System, _ status: [[CellSuppression.Status]], through e: Int, bound: Int) -> (points: [[Int]], atomOf: [Int?]) {
    // Atoms: records with the same measures and layer, up to edition e.
    var key: [[Int]: Int] = [:]
    var atomOf = [Int?](repeating: nil, count: s.reporter.count)
    for r in s.reporter.indices where s.layer[r] <= e {
      let k = s.measures.indices.filter { s.measures[$0].contains(r) } + [-1 - s.layer[r]]
      atomOf[r] = key[k] ?? {
        key[k] = key.count
        return key.count - 1
      }()
    }
    let n = key.count
    var rows: [(atoms: [Int], fixed: Int?)] = []
    for f in 0...e {
      for (j, rs) in s.measures.enumerated() {
        let mine = rs.filter { s.layer[$0] <= f }
        guard !mine.isEmpty else { continue }
        let atoms = Array(Set(mine.map { atomOf[$0]! }))
        if case .published(let v) = status[f][j] { rows.append((atoms, v)) } else { rows.append((atoms, nil)) }
      }
    }
    var points: [[Int]] = []
    var x = [Int](repeating: 0, count: n)
    func walk(_ i: Int) {
      if i == n {
        for row in rows {
          var v = 0
          for a in row.atoms { v += x[a] }
          if let f = row.fixed { if v != f { return } } else if v < 1 { return }
        }
        points.append(x)
        return
      }
      for v in 0...bound {
        x[i] = v
        walk(i + 1)
      }
    }
    walk(0)
    return (points, atomOf)
  }

  @Test func auditRangesEqualEnumerationAndProtectK() throws {
    var rng = Xoshiro256StarStar(seed: 31)
    var compared = 0
    var withheldSecondary = 0
    for _ in 0..<100 {
      let s = random(&rng)
      for k in [2, 3] {
        let result = try CellSuppression(
          measures: s.measures, reporter: s.reporter, layer: s.layer, editions: 2, rule: .init(minimumReporters: k))
        // Zeros are never withheld; every audited expression takes at least k values.
        for e in 0..<2 {
          for (j, rs) in s.measures.enumerated() where !rs.contains(where: { s.layer[$0] <= e }) {
            #expect(result.status[e][j] == .published(0))
          }
        }
        #expect(result.isProtected)
        withheldSecondary += result.status.flatMap { $0 }.filter { $0 == .secondary }.count
        // Enumeration where there are 4 atoms at most, each 0...records + 2 (an atom in a
        // published count is at most the total; one reaching the bound is unbounded).
        let bound = s.reporter.count + 2
        var enumerated: [Int: (points: [[Int]], atomOf: [Int?])] = [:]
        for range in result.audit {
          let records: [Int] =
            range.isDifference
            ? s.measures[range.measure].filter { s.layer[$0] == range.layer }
            : s.measures[range.measure].filter { s.layer[$0] <= range.layer }
          let atoms = Set(s.reporter.indices.filter { s.layer[$0] <= range.edition }.map { r in
            s.measures.indices.filter { s.measures[$0].contains(r) } + [-1 - s.layer[r]]
          })
          guard atoms.count <= 4 else { continue }
          if enumerated[range.edition] == nil { enumerated[range.edition] = solutions(s, result.status, through: range.edition, bound: bound) }
          let (points, atomOf) = enumerated[range.edition]!
          let target = Array(Set(records.compactMap { atomOf[$0] }))
          let values = points.map { p in target.reduce(0) { $0 + p[$1] } }
          let lo = values.min()!
          // Unbounded where an atom of it reaches the bound (a bounded atom is at most the total).
          let hi: Int? = points.contains { p in target.contains { p[$0] >= bound } } ? nil : values.max()!
          #expect(lo <= range.value && (hi ?? .max) >= range.value)
          if range.isExact {
            #expect(range.least == lo && range.greatest == hi, "\(range) vs \(lo)…\(hi.map(String.init) ?? "∞")")
          } else if let w = range.width {
            // A lower bound on the width, from points the audit exhibited.
            #expect(w <= (hi ?? .max) - lo + 1)
          } else {
            #expect(hi == nil, "unbounded in the audit, bounded by enumeration: \(range)")
          }
          compared += 1
        }
        // CLEAR's decision is the same without the GREEN records.
        let clear = (0..<s.reporter.count).filter { s.layer[$0] == 0 }
        let renumber = Dictionary(uniqueKeysWithValues: clear.enumerated().map { ($1, $0) })
        let alone = try CellSuppression(
          measures: s.measures.map { $0.compactMap { renumber[$0] } }, reporter: clear.map { s.reporter[$0] },
          layer: clear.map { _ in 0 }, editions: 1, rule: .init(minimumReporters: k))
        #expect(alone.status[0] == result.status[0])
      }
    }
    #expect(compared > 500 && withheldSecondary > 20)
  }
}
