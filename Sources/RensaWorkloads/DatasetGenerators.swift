import RensaData
import RensaGraph
import InternalRensaUtilities

/// Random, valid datasets for round-trip and property tests.
public enum DatasetGenerators {
  public static func random(seed: UInt64) -> Dataset {
    var rng = Xoshiro256StarStar(seed: seed)
    func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
    func maybe() -> Bool { rng.next() % 2 == 0 }
    func text(_ prefix: String) -> String {
      // Exercise escaping: quotes, backslashes, non-ASCII, control characters.
      pick(["\(prefix)", "\(prefix) \"quoted\"", "\(prefix)\\path", "\(prefix) 電力", "\(prefix)\ttab\nline"])
    }
    func hours() -> Double { pick([0, 0.5, 2, 24, 72, 1.0 / 3.0, 0.1 + 0.2]) }
    let sectorCount = 1 + Int(rng.next() % 5)
    let sectors = (0..<sectorCount).map { Sector(id: "s\($0)", name: text("Sector \($0)"), nameJa: maybe() ? "分野\($0)" : nil) }
    let operators = (0..<Int(rng.next() % 4)).map { Operator(id: "o\($0)", name: text("Op"), sector: pick(sectors).id) }
    let assets = (0..<Int(rng.next() % 6)).map { i in
      Asset(
        id: "a\(i)", name: text("Asset"), sector: pick(sectors).id, operator: operators.isEmpty || maybe() ? nil : pick(operators).id,
        users: maybe() ? Int(rng.next() % 100_000) : nil)
    }
    let services = (0..<Int(rng.next() % 3)).map { i -> Service in
      let sector = pick(sectors).id
      let own = assets.filter { $0.sector == sector }.map(\.id)
      return Service(
        id: "v\(i)", name: text("Service"), sector: sector, assets: own,
        verificationLevel: VerificationLevel(
          metric: "users", unit: "users", threshold: Double(rng.next() % 50_000), minimumDurationHours: maybe() ? hours() : nil,
          text: text("level")))
    }
    let nodes = sectors.map(\.id) + assets.map(\.id)
    var dependencies: [Dependency] = []
    var seen = Set<String>()
    for _ in 0..<Int(rng.next() % 10) where nodes.count > 1 {
      let s = pick(nodes)
      let d = pick(nodes)
      guard s != d, seen.insert("\(s)>\(d)").inserted else { continue }
      dependencies.append(
        Dependency(
          supplier: s, dependent: d, kind: pick(DependencyKind.allCases), class: pick(DependencyClass.allCases),
          group: nil, need: 1, timeToImpactHours: hours(), delayHours: hours(), recoveryHours: hours(),
          probability: pick([0, 0.25, 1, 0.3]), coupling: pick([0, 0.5, 0.125]),
          source: maybe() ? "assumption: generated" : text("cited"),
          delayDistribution: pick([nil, nil, .uniform(low: 1, high: 5), .triangular(low: 0, mode: 2, high: 6.5), .lognormal(median: 3, sigma: 0.5)])))
    }
    let threats = (0..<Int(rng.next() % 3)).map { i in
      Threat(
        id: "t\(i)", type: pick(ThreatType.allCases), scope: pick(ThreatScope.allCases), name: text("Threat"),
        examples: maybe() ? ["x", "y"] : [], identifiers: ThreatIdentifiers(attack: maybe() ? ["T0800"] : [], cve: ["CVE-2021-44228"]),
        sectors: maybe() ? [pick(sectors).id] : [], published: maybe() ? CalendarDay("2025-1\(rng.next() % 3)-0\(1 + rng.next() % 9)") : nil,
        cvss: maybe() ? pick([9.8, 5.3, 10, 0]) : nil)
    }
    let incidents = (0..<Int(rng.next() % 4)).map { i -> Incident in
      let spill = sectors.count > 1 && maybe()
      let sector = sectors[0].id
      return Incident(
        id: "i\(i)", occurred: CalendarDay("2026-0\(1 + rng.next() % 9)-1\(rng.next() % 9)")!, sector: sector,
        threatType: spill ? .spillover : pick([.intentional, .unintentional, .disaster]),
        threat: threats.isEmpty ? nil : pick(threats).id,
        identifiers: ThreatIdentifiers(
          attack: maybe() ? ["T0800", "T0831"] : [], cwe: maybe() ? ["CWE-787"] : [], cve: maybe() ? ["CVE-2021-44228"] : [],
          products: pick([[], ["Siemens/SIMATIC S7-1500"], ["a;b"]])),
        exceededVerificationLevel: maybe(),
        durationHours: maybe() ? hours() : nil, affectedUsers: maybe() ? 1234 : nil, originSector: spill ? sectors[1].id : nil,
        sharing: pick(SharingScope.allCases), reporter: text("reporter"), synthetic: maybe(), summary: maybe() ? text("s") : nil)
    }
    let topics = (0..<Int(rng.next() % 3)).map {
      AnalysisTopic(id: "p\($0)", year: 2026, title: text("Topic"), priority: 1 + Int(rng.next() % 5), status: pick(TopicStatus.allCases))
    }
    let scenarios = (0..<Int(rng.next() % 3)).map { i -> Scenario in
      var events: [ScenarioEvent] = []
      var targets = Set<ScenarioEvent.Target>()
      for _ in 0..<(1 + Int(rng.next() % 4)) {
        let target: ScenarioEvent.Target
        if !dependencies.isEmpty && maybe() {
          let d = pick(dependencies)
          target = .dependency(supplier: d.supplier, dependent: d.dependent)
        } else {
          target = .node(pick(nodes))
        }
        guard targets.insert(target).inserted else { continue }
        events.append(
          ScenarioEvent(
            target: target, startHours: hours(), durationHours: maybe() ? pick([72, 0.5, 1.0 / 3.0]) : nil,
            probability: pick([1, 0.05, 0.3]), source: maybe() ? text("event source") : nil))
      }
      return Scenario(
        id: "sc\(i)", name: text("Scenario"), nameJa: maybe() ? "想定\(i)" : nil, description: text("What happens"),
        source: maybe() ? "assumption: generated" : text("cited"), events: events)
    }
    return Dataset(
      name: "random-\(seed)", description: text("Random"), version: "1", provenance: text("generated"), sectors: sectors,
      operators: operators, assets: assets, services: services, dependencies: dependencies, threats: threats,
      incidents: incidents, topics: topics, scenarios: scenarios)
  }
}
