import Rensa
import RensaGraph
import Testing
import _RensaTestSupport

@Suite struct DependencyChangesTests {
  func dep(_ supplier: String, _ dependent: String, group: String? = nil, hours: Double = 0) -> Dependency {
    Dependency(supplier: supplier, dependent: dependent, kind: .power, class: .physical, group: group, timeToImpactHours: hours, source: "test")
  }

  /// Sectors A, B, C; assets a1 (A), b1 and b2 (B), c1 (C).
  func model(_ dependencies: [Dependency]) -> Dataset {
    Dataset(
      name: "t", description: "t", sectors: ["A", "B", "C"].map { Sector(id: $0, name: "Sector \($0)") },
      assets: [Asset(id: "a1", name: "a1", sector: "A"), Asset(id: "b1", name: "b1", sector: "B"),
               Asset(id: "b2", name: "b2", sector: "B"), Asset(id: "c1", name: "c1", sector: "C")],
      dependencies: dependencies)
  }

  @Test func aChainCountsOnlyWhereTheAssetsOfTheMiddleSectorAreLinked() {
    // a1 needs b1, and b2 needs c1: A depends on B and B on C, but A not on C —
    // the sector graph A → B → C would say it does.
    let before = model([dep("b1", "a1"), dep("c1", "b2")])
    // This year b1 needs b2: now A depends on C through b1 and b2.
    let after = model([dep("b1", "a1"), dep("c1", "b2"), dep("b2", "b1")])
    let changes = DependencyChanges(previous: before, current: after)
    #expect(changes.added.map { "\($0.supplier)>\($0.dependent)" } == ["b2>b1"])
    #expect(changes.removed.isEmpty && changes.changed.isEmpty)
    #expect(changes.direct.gained.isEmpty && changes.direct.lost.isEmpty)
    #expect(changes.transitive.gained == [DependencyChanges.SectorPair(dependent: "A", supplier: "C")])
    #expect(changes.transitive.lost.isEmpty)
    // And back again: the pair is lost.
    let back = DependencyChanges(previous: after, current: before)
    #expect(back.transitive.lost == [DependencyChanges.SectorPair(dependent: "A", supplier: "C")])
    #expect(back.removed.map { "\($0.supplier)>\($0.dependent)" } == ["b2>b1"])
  }

  @Test func fieldsLoopsAndSinglePointsOfFailure() {
    // Last year a1 had two alternative supplies (b1 or b2) and A and B depended on each other.
    let before = model([
      dep("b1", "a1", group: "supply"), dep("b2", "a1", group: "supply"), dep("A", "B", hours: 3), dep("B", "A"),
    ])
    // This year b2 is gone as a supply (b1 becomes a single point of failure of a1), the
    // A → B time to impact is 6 h, and B no longer needs A (the loop is broken).
    let after = model([dep("b1", "a1", group: "supply"), dep("A", "B", hours: 6), dep("c1", "A")])
    let changes = DependencyChanges(previous: before, current: after)
    #expect(changes.added.map { "\($0.supplier)>\($0.dependent)" } == ["c1>A"])
    #expect(Set(changes.removed.map { "\($0.supplier)>\($0.dependent)" }) == ["b2>a1", "B>A"])
    #expect(changes.changed == [
      DependencyChanges.Changed(supplier: "A", dependent: "B", fields: [.init(key: .timeToImpact, before: "3", after: "6")])
    ])
    #expect(changes.loopsBroken == [["A", "B"]])
    #expect(changes.loopsFormed.isEmpty)
    // A still needs B directly, through a1 → b1.
    #expect(changes.direct.lost.isEmpty)
    #expect(changes.direct.gained == [DependencyChanges.SectorPair(dependent: "A", supplier: "C")])
    let single = Dictionary(uniqueKeysWithValues: (changes.singlePoints ?? []).map { ($0.node, $0) })
    #expect(single["a1"]?.new == ["b1"])
    #expect(single["B"]?.new == ["c1"])  // B needs A, which now needs c1
    #expect(!changes.isEmpty)
    // The same model against itself: nothing.
    let same = DependencyChanges(previous: after, current: after)
    #expect(same.isEmpty && same.loopsFormed.isEmpty && same.singlePoints == [] && same.transitive.gained.isEmpty)
  }

  @Test func aFailureTableOverTheLimitLeavesTheRestCompared() {
    let before = model([dep("b1", "a1")])
    let after = model([dep("b1", "a1"), dep("c1", "b1")])
    let changes = DependencyChanges(previous: before, current: after, options: ClosureOptions(memoryLimit: 8))
    #expect(changes.singlePoints == nil)
    #expect(changes.singlePointsRefusal?.contains("bytes") == true)
    #expect(changes.transitive.gained == [
      DependencyChanges.SectorPair(dependent: "A", supplier: "C"), DependencyChanges.SectorPair(dependent: "B", supplier: "C"),
    ])
  }

  /// A random model over 3 sectors and 8 assets, and a mutation of it (dependencies
  /// dropped, added, re-timed, regrouped).
  func randomPair(_ rng: inout Xoshiro256StarStar) -> (Dataset, Dataset) {
    let nodes = ["S0", "S1", "S2"] + (0..<8).map { "x\($0)" }
    let sectors = ["S0", "S1", "S2"].map { Sector(id: $0, name: $0) }
    let assets = (0..<8).map { Asset(id: "x\($0)", name: "x\($0)", sector: "S\(Int($0) % 3)") }
    func draw(_ count: Int) -> [Dependency] {
      var out: [Dependency] = []
      var seen = Set<String>()
      for _ in 0..<count {
        let s = nodes[Int(rng.next() % UInt64(nodes.count))]
        let d = nodes[Int(rng.next() % UInt64(nodes.count))]
        guard s != d, seen.insert("\(s)>\(d)").inserted else { continue }
        // Every dependency of a node in group "g" when the node's name is even-numbered.
        let grouped = d.hasPrefix("x") && Int(d.dropFirst())! % 2 == 0 && rng.next() % 3 != 0
        out.append(dep(s, d, group: grouped ? "g" : nil, hours: Double(rng.next() % 3)))
      }
      return out
    }
    let before = draw(Int(rng.next() % 18))
    var after = before.filter { _ in rng.next() % 4 != 0 }
    for k in after.indices where rng.next() % 4 == 0 { after[k].timeToImpactHours += 1 }
    var seen = Set(after.map { "\($0.supplier)>\($0.dependent)" })
    for d in draw(Int(rng.next() % 6)) where seen.insert("\(d.supplier)>\(d.dependent)").inserted {
      // A group's members must agree on `need`; all here need 1.
      after.append(d)
    }
    func dataset(_ deps: [Dependency]) -> Dataset {
      Dataset(name: "r", description: "r", sectors: sectors, assets: assets, dependencies: deps)
    }
    return (dataset(before), dataset(after))
  }

  @Test func agreesWithTheNaiveReferenceOnRandomModels() {
    var rng = Xoshiro256StarStar(seed: 20261127)
    var changedSinglePoints = 0
    for _ in 0..<300 {
      let (before, after) = randomPair(&rng)
      let changes = DependencyChanges(previous: before, current: after)
      func pairs(_ list: [DependencyChanges.SectorPair]) -> Set<String> { Set(list.map { "\($0.dependent)>\($0.supplier)" }) }
      for transitive in [false, true] {
        let old = Naive.sectorDependencies(before, transitive: transitive)
        let new = Naive.sectorDependencies(after, transitive: transitive)
        let got = transitive ? changes.transitive : changes.direct
        #expect(pairs(got.gained) == new.subtracting(old))
        #expect(pairs(got.lost) == old.subtracting(new))
      }
      let keysBefore = Set(before.dependencies.map { "\($0.supplier)>\($0.dependent)" })
      let keysAfter = Set(after.dependencies.map { "\($0.supplier)>\($0.dependent)" })
      #expect(Set(changes.added.map { "\($0.supplier)>\($0.dependent)" }) == keysAfter.subtracting(keysBefore))
      #expect(Set(changes.removed.map { "\($0.supplier)>\($0.dependent)" }) == keysBefore.subtracting(keysAfter))
      let old = Dictionary(uniqueKeysWithValues: before.dependencies.map { ("\($0.supplier)>\($0.dependent)", $0) })
      let differing = after.dependencies.filter { d in
        guard var o = old["\(d.supplier)>\(d.dependent)"] else { return false }
        o.source = d.source
        return o != d
      }
      #expect(changes.changed.map { "\($0.supplier)>\($0.dependent)" } == differing.map { "\($0.supplier)>\($0.dependent)" })
      let loopsBefore = Naive.loops(before.dependencyNetwork)
      let loopsAfter = Naive.loops(after.dependencyNetwork)
      #expect(Set(changes.loopsFormed.map(Set.init)) == loopsAfter.subtracting(loopsBefore))
      #expect(Set(changes.loopsBroken.map(Set.init)) == loopsBefore.subtracting(loopsAfter))
      let spBefore = Naive.singlePoints(before.dependencyNetwork)
      let spAfter = Naive.singlePoints(after.dependencyNetwork)
      var expected: [String: (new: Set<String>, gone: Set<String>)] = [:]
      for node in Set(spBefore.keys).union(spAfter.keys) {
        let a = spBefore[node] ?? [], b = spAfter[node] ?? []
        if a != b { expected[node] = (b.subtracting(a), a.subtracting(b)) }
      }
      let got = changes.singlePoints ?? []
      #expect(got.count == expected.count)
      for c in got {
        #expect(Set(c.new) == expected[c.node]?.new)
        #expect(Set(c.gone) == expected[c.node]?.gone)
      }
      if !got.isEmpty { changedSinglePoints += 1 }
    }
    // The draws exercise the comparison, not only empty answers.
    #expect(changedSinglePoints > 100)
  }
}
