import Foundation
import Rensa
import RensaLinearAlgebra
import Testing
import _RensaTestSupport


func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

@Suite struct InoperabilityModelTests {
  let haimesJiang = try! InoperabilityModel(
    sectors: ["S1", "S2"], interdependency: Matrix(rowMajor: [[0, 0.8], [0.2, 0]]), origin: "Haimes & Jiang 2001")

  @Test func haimesJiangTwoSectorExample() throws {
    // Haimes & Jiang (2001): A* = [[0, 0.8], [0.2, 0]], c* = [0, 0.6] gives q = [4/7, 5/7].
    let result = try haimesJiang.equilibrium([0, 0.6])
    #expect(abs(result.inoperability[0] - 4.0 / 7) < 1e-15)
    #expect(abs(result.inoperability[1] - 5.0 / 7) < 1e-15)
    #expect(result.saturated == [false, false])
    #expect(result.loss == nil)
    // ρ = 0.4 lies within the certified bounds.
    #expect(result.spectralBound.lower <= 0.4 + 1e-12 && 0.4 <= result.spectralBound.upper + 1e-12)
    #expect(abs(try haimesJiang.spectralRadius() - 0.4) < 1e-15)
    #expect(result.rankingByInoperability == [1, 0])
  }

  @Test func setolaIndicesAreRowAndColumnMeans() throws {
    let (dependency, influence) = try haimesJiang.setolaIndices()
    #expect(dependency == [0.8, 0.2])
    #expect(influence == [0.2, 0.8])
    // Overall: (I − A*)⁻¹ = [[1, 0.8], [0.2, 1]] / 0.84.
    let (overallDependency, overallInfluence) = try haimesJiang.setolaIndices(overall: true)
    #expect(abs(overallDependency[0] - 0.8 / 0.84) < 1e-14)
    #expect(abs(overallInfluence[0] - 0.2 / 0.84) < 1e-14)
    // Second order: A*² = diag(0.16, 0.16).
    let second = haimesJiang.interdependency(order: 2)
    #expect(abs(second[0, 0] - 0.16) < 1e-15 && second[0, 1] == 0)
  }

  @Test func randomStableModelsMatchEliminationAndHaveSmallResiduals() throws {
    var rng = Xoshiro256StarStar(seed: 3)
    for trial in 0..<40 {
      let n = 1 + trial % 15
      let rho = 0.1 + 0.85 * rng.nextUnitDouble()
      let a = InoperabilityWorkloads.dense(n: n, rowSum: rho, seed: UInt64(trial))
      let model = try InoperabilityModel(sectors: (0..<n).map { "s\($0)" }, interdependency: a, origin: "random")
      let c = (0..<n).map { _ in 0.1 * rng.nextUnitDouble() }
      let result = try model.equilibrium(c)
      let reference = try #require(Naive.inoperability(Naive.rows(a), c))
      for i in 0..<n { #expect(close(result.inoperability[i], reference[i], 1e-11)) }
      // Residual of q = A*q + c*.
      let aq = a.multiplied(by: result.inoperability)
      for i in 0..<n { #expect(abs(result.inoperability[i] - aq[i] - c[i]) < 1e-13) }
      // Constant row sums: ρ = rowSum exactly, and the bounds are tight around it.
      #expect(result.spectralBound.lower <= rho + 1e-12 && rho <= result.spectralBound.upper + 1e-12)
      #expect(abs(try model.spectralRadius() - rho) < 1e-12)
      // Many perturbations at once agree with one at a time.
      let many = try model.equilibria(Matrix(rows: n, columns: 2, columnMajor: c + c.map { $0 / 2 }))
      for i in 0..<n {
        #expect(close(many[i, 0], result.inoperability[i], 1e-13))
        #expect(close(many[i, 1], result.inoperability[i] / 2, 1e-13))
      }
    }
  }

  @Test func saturationIsReportedAndClippingSolvesTheBoundedModel() throws {
    var rng = Xoshiro256StarStar(seed: 8)
    var sawSaturation = 0
    for trial in 0..<30 {
      let n = 2 + trial % 8
      let a = InoperabilityWorkloads.dense(n: n, rowSum: 0.9, seed: UInt64(100 + trial))
      let model = try InoperabilityModel(sectors: (0..<n).map { "s\($0)" }, interdependency: a, origin: "random")
      let c = (0..<n).map { _ in rng.nextUnitDouble() * 0.5 }
      let reported = try model.equilibrium(c)
      #expect(reported.saturated == reported.inoperability.map { $0 > 1 })
      #expect(!reported.clipped)
      let clipped = try model.equilibrium(c, saturation: .clip)
      #expect(clipped.saturated == reported.saturated)
      let reference = Naive.boundedInoperability(Naive.rows(a), c)
      for i in 0..<n { #expect(abs(clipped.inoperability[i] - reference[i]) < 1e-9) }
      #expect(clipped.inoperability.allSatisfy { $0 <= 1 + 1e-12 })
      if reported.saturated.contains(true) {
        sawSaturation += 1
        #expect(clipped.clipped)
      }
    }
    #expect(sawSaturation > 5)
  }

  @Test func badModelsAreRefusedWithTheirRowAndColumn() {
    func issues(_ body: () throws -> Void) -> [String] {
      do {
        try body()
        return []
      } catch let error as DataError {
        return error.issues.map(\.description)
      } catch {
        return ["\(error)"]
      }
    }
    let nonSquare = issues { _ = try InoperabilityModel(sectors: ["a", "b"], interdependency: Matrix(rows: 2, columns: 3), origin: "m.csv") }
    #expect(nonSquare.count == 1 && nonSquare[0].contains("2×3"))
    let bad = issues {
      _ = try InoperabilityModel(
        sectors: ["a", "b", "c"], interdependency: Matrix(rowMajor: [[0, -0.1, 0], [.nan, 1.2, 0], [0, 0, 0]]),
        origin: "m.csv")
    }
    #expect(bad.count == 3)
    #expect(bad.contains { $0.contains("row a, column b") && $0.contains("negative") })
    #expect(bad.contains { $0.contains("row b, column a") && $0.contains("nan") })
    #expect(bad.contains { $0.contains("row b, column b") && $0.contains("≥ 1") })
    let unstable = issues {
      let m = try InoperabilityModel(sectors: ["a", "b"], interdependency: Matrix(rowMajor: [[0, 1.5], [0.9, 0]]), origin: "m.csv")
      _ = try m.equilibrium([0.1, 0])
    }
    #expect(unstable.count == 1 && unstable[0].contains("unstable") && unstable[0].contains("ρ = 1.1619"))
    let perturbation = issues { _ = try haimesJiang.equilibrium([-0.1, 1.5]) }
    #expect(perturbation.count == 2 && perturbation[0].contains("'S1'") && perturbation[1].contains("'S2'"))
  }

  @Test func couplingModelOfTheBuiltInDataset() throws {
    let dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let model = try InoperabilityModel(couplingsOf: dataset)
    #expect(model.count == dataset.sectors.count)
    let power = try #require(model.sectorIndex("electric-power"))
    let railway = try #require(model.sectorIndex("railway"))
    // Railway depends on electric power with coupling 0.9 (sector-level dependency).
    #expect(model.interdependency[railway, power] == 0.9)
    var c = [Double](repeating: 0, count: model.count)
    c[power] = 72.0 / 8760
    let result = try model.equilibrium(c)
    #expect(result.inoperability.allSatisfy { $0 > 0 })
    #expect(result.spectralBound.upper < 1)
    let rho = try model.spectralRadius()
    #expect(result.spectralBound.lower <= rho + 1e-12 && rho <= result.spectralBound.upper + 1e-12)
  }

  @Test func expertScoresMapThroughTheScale() throws {
    let scores = try LabeledMatrix.parse("sector,a,b\na,0,5\nb,2,0\n", file: "scores.csv")
    let model = try ExpertJudgementScale.standard.interdependency(scores: scores, origin: "scores.csv")
    #expect(model.interdependency == Matrix(rowMajor: [[0, 0.95], [0.2, 0]]))
    let wrong = try LabeledMatrix.parse("sector,a,b\na,1,2.5\nb,7,0\n", file: "scores.csv")
    #expect(throws: DataError.self) { try ExpertJudgementScale.standard.interdependency(scores: wrong, origin: "scores.csv") }
    do {
      _ = try ExpertJudgementScale.standard.interdependency(scores: wrong, origin: "scores.csv")
      Issue.record("scores off the scale were accepted")
    } catch {
      #expect(error.issues.count == 3)  // 2.5, 7, and the diagonal 1
    }
  }

  @Test func sparseSolverAgreesWithDenseModel() throws {
    for seed in UInt64(0)..<10 {
      let n = 50 + Int(seed) * 20
      let sparse = InoperabilityWorkloads.sparse(n: n, perRow: 4, rowSum: 0.85, seed: seed)
      let c = InoperabilityWorkloads.uniform(n, 0, 0.1, seed: seed + 99)
      let dense = try InoperabilityModel(sectors: (0..<n).map { "\($0)" }, interdependency: sparse.dense, origin: "dense")
      let exact = try dense.equilibrium(c).inoperability
      let model = try SparseInoperabilityModel(interdependency: sparse, origin: "sparse")
      for method in FixedPointMethod.allCases {
        let result = try model.equilibrium(c, method: method, tolerance: 1e-12)
        for i in 0..<n { #expect(abs(result.inoperability[i] - exact[i]) < 1e-10) }
        #expect(result.residual <= 1e-12 * c.max()!)
      }
    }
    let unstable = try SparseInoperabilityModel(interdependency: InoperabilityWorkloads.sparse(n: 100, perRow: 3, rowSum: 1.3, seed: 1), origin: "u")
    #expect(throws: DataError.self) { try unstable.equilibrium([Double](repeating: 0.1, count: 100)) }
  }
}

@Suite struct DynamicInoperabilityTests {
  func randomModel(_ n: Int, rho: Double, seed: UInt64) throws -> InoperabilityModel {
    try InoperabilityModel(
      sectors: (0..<n).map { "s\($0)" }, interdependency: InoperabilityWorkloads.dense(n: n, rowSum: rho, seed: seed),
      origin: "random")
  }

  @Test func steppingMatchesTheRecursionAsWritten() throws {
    for seed in UInt64(0)..<10 {
      let n = 2 + Int(seed)
      let model = try randomModel(n, rho: 0.7, seed: seed)
      let k = InoperabilityWorkloads.uniform(n, 0.05, 0.9, seed: seed + 1)
      let q0 = InoperabilityWorkloads.uniform(n, 0, 0.5, seed: seed + 2)
      let c1 = InoperabilityWorkloads.uniform(n, 0, 0.2, seed: seed + 3)
      let diim = try DynamicInoperabilityModel(model: model, resilience: k)
      let run = try diim.simulate(
        initial: Matrix(column: q0),
        segments: [.init(steps: 7, perturbation: Matrix(column: c1)), .init(steps: 5, perturbation: Matrix(rows: n, columns: 1))],
        recordStates: true)
      let reference = Naive.diim(
        Naive.rows(model.interdependency), resilience: k, initial: q0,
        perturbation: { $0 < 7 ? c1 : [Double](repeating: 0, count: n) }, steps: 12)
      #expect(run.states.count == 13)
      for t in 0...12 { for i in 0..<n { #expect(abs(run.states[t][i, 0] - reference[t][i]) < 1e-14) } }
      for i in 0..<n {
        let sum = reference[0..<12].reduce(0) { $0 + $1[i] }
        #expect(abs(run.cumulative[i, 0] - sum) < 1e-13)
      }
    }
  }

  @Test func equilibriumOfTheDynamicModelIsTheStaticSolution() throws {
    let model = try randomModel(6, rho: 0.8, seed: 4)
    let c = InoperabilityWorkloads.uniform(6, 0, 0.1, seed: 5)
    let diim = try DynamicInoperabilityModel(model: model, resilience: InoperabilityWorkloads.uniform(6, 0.2, 0.9, seed: 6))
    let run = try diim.simulate(initial: Matrix(rows: 6, columns: 1), segments: [.init(steps: 2000, perturbation: Matrix(column: c))])
    let q = try model.equilibrium(c).inoperability
    for i in 0..<6 { #expect(abs(run.final[i, 0] - q[i]) < 1e-14) }
  }

  @Test func recoveryDecaysAtTheRateOfTheTransition() throws {
    // With K = k·I and constant row sums ρ: M = I − k(I − A*) has spectral radius
    // 1 − k(1 − ρ), and recovery from q(0) = 1 (the Perron vector) follows it exactly.
    let n = 8
    let rho = 0.6
    let k = 0.25
    let model = try randomModel(n, rho: rho, seed: 9)
    let diim = try DynamicInoperabilityModel(model: model, resilience: [Double](repeating: k, count: n))
    let rate = 1 - k * (1 - rho)
    #expect(abs(try diim.transition.eigenvalues().spectralRadius - rate) < 1e-13)
    let run = try diim.simulate(
      initial: Matrix(column: [Double](repeating: 1, count: n)),
      segments: [.init(steps: 40, perturbation: Matrix(rows: n, columns: 1))], recordStates: true)
    for t in [1, 10, 40] { for i in 0..<n { #expect(abs(run.states[t][i, 0] - pow(rate, Double(t))) < 1e-13) } }
    // General K: the asymptotic ratio of successive states is ρ(M) = ρ(I − K(I − A*)).
    let general = try DynamicInoperabilityModel(model: model, resilience: InoperabilityWorkloads.uniform(n, 0.1, 0.9, seed: 10))
    let trajectory = try general.simulate(
      initial: Matrix(column: InoperabilityWorkloads.uniform(n, 0.1, 1, seed: 11)),
      segments: [.init(steps: 300, perturbation: Matrix(rows: n, columns: 1))], recordStates: true)
    let ratio = trajectory.states[300].maxAbs / trajectory.states[299].maxAbs
    #expect(abs(ratio - (try general.transition.eigenvalues().spectralRadius)) < 1e-9)
  }

  @Test func closedFormAggregatesMatchStepping() throws {
    for seed in UInt64(0)..<8 {
      let n = 3 + Int(seed) * 4
      let s = 1 + Int(seed % 3) * 4
      let model = try randomModel(n, rho: 0.5 + 0.05 * Double(seed), seed: seed)
      let diim = try DynamicInoperabilityModel(model: model, resilience: InoperabilityWorkloads.uniform(n, 0.02, 0.6, seed: seed + 20))
      let initial = Matrix(rows: n, columns: s, columnMajor: InoperabilityWorkloads.uniform(n * s, 0, 0.3, seed: seed + 21))
      // 37 and 1,000 steps take the closed form, 1 step is stepped (cheaper).
      let segments: [DynamicInoperabilityModel.Segment] = [
        .init(steps: 37, perturbation: Matrix(rows: n, columns: s, columnMajor: InoperabilityWorkloads.uniform(n * s, 0, 0.1, seed: seed + 22))),
        .init(steps: 0, perturbation: Matrix(rows: n, columns: s)),
        .init(steps: 1, perturbation: Matrix(rows: n, columns: s, columnMajor: InoperabilityWorkloads.uniform(n * s, 0, 0.1, seed: seed + 23))),
        .init(steps: 1000, perturbation: Matrix(rows: n, columns: s)),
      ]
      let stepped = try diim.simulate(initial: initial, segments: segments)
      let closed = try diim.aggregate(initial: initial, segments: segments)
      #expect(closed.steps == 1038)
      #expect((closed.final - stepped.final).maxAbs < 1e-13)
      #expect((closed.cumulative - stepped.cumulative).maxAbs < 1e-10 * max(1, stepped.cumulative.maxAbs))
    }
  }

  @Test func resilienceFromRecoveryTimes() throws {
    let model = try InoperabilityModel(
      sectors: ["a", "b"], interdependency: Matrix(rowMajor: [[0.5, 0.1], [0.2, 0]]), origin: "m")
    let k = try DynamicInoperabilityModel.resilience(recoveryTimes: [30, 10], ratio: 100, model: model)
    #expect(abs(k[0] - log(100) / (30 * 0.5)) < 1e-15)
    #expect(abs(k[1] - log(100) / 10) < 1e-15)
    #expect(throws: DataError.self) { try DynamicInoperabilityModel.resilience(recoveryTimes: [2, 10], model: model) }
    #expect(throws: DataError.self) { try DynamicInoperabilityModel(model: model, resilience: [0.5, 1.5]) }
    let noRecovery = try DynamicInoperabilityModel(model: model, resilience: [0, 0.5])
    #expect(throws: DataError.self) {
      try noRecovery.aggregate(initial: Matrix(rows: 2, columns: 1), segments: [.init(steps: 3, perturbation: Matrix(rows: 2, columns: 1))])
    }
  }
}

@Suite struct InputOutputTableTests {
  /// Two industries: Z = [[10, 40], [20, 30]], value added [70, 130], final demand [50, 150].
  let small = """
    input,industry/agri,industry/mfg,finaldemand/households
    industry/agri,10,40,50
    industry/mfg,20,30,150
    valueadded/wages,70,130,
    """

  @Test func coefficientsFollowTheStatedConventions() throws {
    let table = try InputOutputTableReader.parse(small, file: "small.csv")
    #expect(table.sectors == ["agri", "mfg"])
    #expect(table.totalOutput == [100, 200])
    // a_ij = z_ij / x_j.
    #expect(table.technicalCoefficients == Matrix(rowMajor: [[0.1, 0.2], [0.2, 0.15]]))
    // b_ij = z_ij / x_i.
    #expect(table.allocationCoefficients == Matrix(rowMajor: [[0.1, 0.4], [0.1, 0.15]]))
    // Demand side: a*_ij = z_ij / x_i = x̂⁻¹ A x̂.
    let demand = table.interdependencyMatrix(.demand)
    let x = table.totalOutput
    let a = table.technicalCoefficients
    for i in 0..<2 { for j in 0..<2 { #expect(abs(demand[i, j] - a[i, j] * x[j] / x[i]) < 1e-15) } }
    // Supply side: Aᵀ.
    #expect(table.interdependencyMatrix(.supply) == a.transposed)
    // The Leontief inverse reproduces total output from final demand.
    let leontief = try table.leontiefInverse()
    let output = leontief.multiplied(by: [50, 150])
    #expect(abs(output[0] - 100) < 1e-12 && abs(output[1] - 200) < 1e-12)
    let model = try table.inoperabilityModel()
    let result = try model.equilibrium([0.1, 0])
    #expect(result.loss! == zip(table.totalOutput, result.inoperability).map { $0 * $1 })
  }

  @Test func threeLayoutsReadTheSameTable() throws {
    let long = """
      input_type,input_name,output_type,output_name,value
      industry,agri,industry,agri,10
      industry,agri,industry,mfg,40
      industry,mfg,industry,agri,20
      industry,mfg,industry,mfg,30
      industry,agri,finaldemand,households,50
      industry,mfg,finaldemand,households,150
      valueadded,wages,industry,agri,70
      valueadded,wages,industry,mfg,130
      """
    let untyped = "sector,agri,mfg,households\nagri,10,40,50\nmfg,20,30,150\nwages,70,130,\n"
    let bare = "agri,mfg\n10,40\n20,30\n100,200\n"
    let reference = try InputOutputTableReader.parse(small, file: "small.csv")
    for text in [long, untyped, bare] {
      let table = try InputOutputTableReader.parse(text, file: "t.csv")
      #expect(table.sectors == reference.sectors)
      #expect(table.transactions == reference.transactions)
      #expect(table.totalOutput == reference.totalOutput)
    }
  }

  @Test func badTablesNameEveryProblem() {
    func problems(_ text: String) -> [DataIssue] {
      do {
        _ = try InputOutputTableReader.parse(text, file: "bad.csv")
        return []
      } catch {
        return error.issues
      }
    }
    // Negative flow, a value that is not a number, and an unbalanced row: all reported.
    let bad = problems("sector,a,b,fd\na,-5,x,50\nb,20,30,150\nwages,70,130,\n")
    #expect(bad.contains { $0.line == 2 && $0.field == "b" && $0.reason.contains("not a finite number") })
    #expect(bad.count == 1)  // parse errors stop before the checks that need the numbers
    let checks = problems("sector,a,b,fd\na,-5,40,50\nb,20,30,160\nwages,70,130,\n")
    #expect(checks.contains { $0.field == "a → a" && $0.reason.contains("negative flow") })
    #expect(checks.contains { $0.field == "b" && $0.reason.contains("does not balance") })
    let zero = problems("a,b\n0,1\n1,0\n0,5\n")
    #expect(zero.contains { $0.field == "a" && $0.reason.contains("not positive") })
    let unknown = problems("input_type,input_name,output_type,output_name,value\nindustry,a,industry,a,1\nvalue,w,industry,a,1\nindustry,a,industry,a,2\n")
    #expect(unknown.contains { $0.line == 3 && $0.reason.contains("unknown row type") })
    #expect(unknown.contains { $0.line == 4 && $0.reason.contains("given twice") })
    let rows = problems("input,industry/a,industry/b\nindustry/a,1,2\nvalueadded/w,3,4\n")
    #expect(rows.contains { $0.field == "b" && $0.reason.contains("no matching row") })
    // Untyped labels are classified by the stated rule: here c is value added and b
    // final demand, so row c has a value in a final-demand column, and the message says so.
    let untyped = problems("sector,a,b\na,1,2\nc,3,4\n")
    #expect(untyped.contains { $0.line == 3 && $0.field == "b" && $0.reason.contains("value-added row has a value in a final-demand column") })
  }

  @Test(.enabled(if: TestPaths.sharedDataset("io-tables/japan-2011-13sector/iotable_13sector_2011.csv") != nil,
                 "skipped: shared Japan 2011 IO table absent"))
  func japan2011TableInBothLayouts() throws {
    let dir = TestPaths.sharedDataset("io-tables/japan-2011-13sector")!
    let long = try InputOutputTableReader.read(path: dir.appendingPathComponent("iotable_13sector_2011.csv").path)
    let wide = try InputOutputTableReader.read(path: dir.appendingPathComponent("iotable_13sector_2011_wider.csv").path)
    #expect(long.count == 13)
    #expect(long.sectors == wide.sectors)
    #expect(long.transactions == wide.transactions)
    #expect(long.totalOutput == wide.totalOutput)
    #expect(long.valueAdded.count == 6 && long.finalDemand.count == 6 && long.exports.count == 1 && long.imports.count == 3)
    // Balanced: inputs + value added equal sales + final uses (checked on reading).
    let a = long.technicalCoefficients
    for j in 0..<13 { #expect((0..<13).reduce(0) { $0 + a[$1, j] } < 1) }
    // The Leontief inverse against elimination, column by column, and L·(I − A) = I.
    let leontief = try long.leontiefInverse()
    let b = Naive.rows(Matrix.identity(13) - a)
    for j in 0..<13 {
      var e = [Double](repeating: 0, count: 13)
      e[j] = 1
      let column = try #require(Naive.solve(b, e))
      for i in 0..<13 { #expect(close(leontief[i, j], column[i], 1e-12)) }
    }
    #expect((leontief * (Matrix.identity(13) - a) - Matrix.identity(13)).maxAbs < 1e-13)
    // Domestic flows: both sides still balance, with imported inputs as a primary input.
    let domestic = try long.domesticFlows()
    #expect(domestic.imports.isEmpty)
    for i in 0..<13 {
      let inputs = (0..<13).reduce(0) { $0 + domestic.transactions[$1, i] } + domestic.valueAdded.reduce(0) { $0 + $1.values[i] }
      let sales = (0..<13).reduce(0) { $0 + domestic.transactions[i, $1] } + (domestic.finalDemand + domestic.exports).reduce(0) { $0 + $1.values[i] }
      #expect(close(inputs, domestic.totalOutput[i], 1e-12) && close(sales, domestic.totalOutput[i], 1e-12))
    }
    // Mining is mostly imported: its raw A* row sums far above 1, the domestic one below.
    let mining = 1
    let rawRow = (0..<13).reduce(0) { $0 + long.interdependencyMatrix()[mining, $1] }
    let domesticRow = (0..<13).reduce(0) { $0 + domestic.interdependencyMatrix()[mining, $1] }
    #expect(rawRow > 10 && domesticRow < 1)
    let power = try #require(long.inoperabilityModel().sectorIndex("05"))
    #expect(long.sectors[power] == "05_Electricity,gas and water supply")
  }

  @Test(.enabled(if: TestPaths.sharedDataset("io-tables/norway-ssb-64sector/ssb_io.csv") != nil,
                 "skipped: shared Norway IO table absent"))
  func norwayBareMatrixWithTotalRow() throws {
    let table = try InputOutputTableReader.read(path: TestPaths.sharedDataset("io-tables/norway-ssb-64sector/ssb_io.csv")!.path)
    #expect(table.count == 62)  // R19 and R20 record no activity and are dropped, with a note
    #expect(table.notes.contains { $0.contains("R19") && $0.contains("R20") })
    let model = try table.inoperabilityModel()
    let rho = try model.spectralRadius()
    #expect(rho < 1)
    // A* = x̂⁻¹ A x̂ is similar to A: same spectral radius.
    #expect(abs(rho - (try table.technicalCoefficients.eigenvalues().spectralRadius)) < 1e-12)
  }
}
