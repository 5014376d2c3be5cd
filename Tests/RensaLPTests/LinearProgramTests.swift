import RensaLP
import Testing

@Suite struct LinearProgramTests {
  @Test func boundsOfOneCellInATableWithATotal() throws {
    // a + b + c = 10, a ≥ 1, b = 4: a ∈ [1, 6], c ∈ [0, 5].
    let lp = try LinearProgram(columns: 3, rows: [[(0, 1), (1, 1), (2, 1)], [(0, 1)], [(1, 1)]], integer: true)
    lp.setBound(.fixed(10), row: 0)
    lp.setBound(.atLeast(1), row: 1)
    lp.setBound(.fixed(4), row: 2)
    #expect(lp.optimum([(0, 1)], .minimise) == .optimal(1, integral: true))
    #expect(lp.optimum([(0, 1)], .maximise) == .optimal(6, integral: true))
    #expect(lp.optimum([(2, 1)], .maximise) == .optimal(5, integral: true))
    // Free the total: a has no upper bound; infeasible rows are said.
    lp.setBound(.free, row: 0)
    #expect(lp.optimum([(0, 1)], .maximise) == .unbounded)
    lp.setBound(.fixed(3), row: 0)
    #expect(lp.optimum([(0, 1)], .maximise) == .infeasible)
  }

  @Test func aFractionalVertexIsFollowedByBranchAndCut() throws {
    // 2x = 3 has no integer solution; 2x + 2y = 3 neither. x + y ≤ 1.5 over integers: max x = 1.
    let lp = try LinearProgram(columns: 2, rows: [[(0, 2), (1, 2)]], integer: true)
    lp.setBound(.atMost(3), row: 0)
    #expect(lp.optimum([(0, 1)], .maximise, exact: false) == .optimal(1.5, integral: false))
    #expect(lp.optimum([(0, 1)], .maximise) == .optimal(1, integral: true))
    #expect(lp.branchAndCutRuns == 1)
    lp.setBound(.fixed(3), row: 0)
    #expect(lp.optimum([(0, 1)], .maximise) == .infeasible)
  }

  @Test func invalidProgrammesAreRefusedNotAborted() {
    #expect(throws: LinearProgramError.self) { try LinearProgram(columns: 2, rows: [[(2, 1)]], integer: false) }
    #expect(throws: LinearProgramError.self) { try LinearProgram(columns: 2, rows: [[(0, .nan)]], integer: false) }
    #expect(throws: LinearProgramError.self) { try LinearProgram(columns: 2, rows: [[(0, 1), (0, 1)]], integer: false) }
  }

  /// Random small integer programmes (0/1 rows, fixed or "≥ 1" bounds, variables ≤ 6
  /// through a row each) against enumeration of every integer point.
  @Test func equalsEnumerationOnRandomSmallProgrammes() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var compared = 0
    for _ in 0..<150 {
      let n = 2 + next(3)
      let truth = (0..<n).map { _ in next(4) }
      var rows: [[(column: Int, coefficient: Double)]] = (0..<n).map { [($0, 1.0)] }  // x_j ≤ 6
      var bounds: [LinearProgram.Bound] = Array(repeating: .atMost(6), count: n)
      for _ in 0..<(1 + next(3)) {
        let members = (0..<n).filter { _ in next(2) == 0 }
        guard !members.isEmpty else { continue }
        rows.append(members.map { ($0, 1.0) })
        let value = members.map { truth[$0] }.reduce(0, +)
        bounds.append(next(3) == 0 && value >= 1 ? .atLeast(1) : .fixed(Double(value)))
      }
      let lp = try LinearProgram(columns: n, rows: rows, integer: true)
      for (i, b) in bounds.enumerated() { lp.setBound(b, row: i) }
      // Enumerate 0...6 per variable.
      var lo = Int.max
      var hi = Int.min
      var point = [Int](repeating: 0, count: n)
      func feasible() -> Bool {
        for (i, row) in rows.enumerated() {
          let v = Double(row.map { point[$0.column] }.reduce(0, +))
          switch bounds[i] {
          case .fixed(let x): if v != x { return false }
          case .atLeast(let x): if v < x { return false }
          case .atMost(let x): if v > x { return false }
          default: break
          }
        }
        return true
      }
      func walk(_ j: Int) {
        if j == n {
          if feasible() { lo = min(lo, point[0]); hi = max(hi, point[0]) }
          return
        }
        for v in 0...6 {
          point[j] = v
          walk(j + 1)
        }
      }
      walk(0)
      #expect(lo <= truth[0] && truth[0] <= hi)
      #expect(lp.optimum([(0, 1)], .minimise) == .optimal(Double(lo), integral: true))
      #expect(lp.optimum([(0, 1)], .maximise) == .optimal(Double(hi), integral: true))
      compared += 1
    }
    #expect(compared == 150)
  }
}
