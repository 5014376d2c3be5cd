import Foundation
import Rensa
import RensaReport
import RensaGraph
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

@Suite struct ReportTests {
  /// The built-in model without its synthetic history, plus `incidents`.
  func dataset(_ incidents: [Incident]) -> Dataset {
    var d = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    d.incidents = incidents
    return d
  }

  var fastOptions: ReportOptions {
    var o = ReportOptions()
    o.trials = 50
    return o
  }

  /// Every rendering of a report, as one string.
  func everything(_ r: ReportDocument) -> String {
    let md = r.markdown
    return r.html + md.text + md.charts.map(\.svg).joined() + r.json.serialized()
  }

  /// Random incidents over the dataset's sectors and threats; those marked above
  /// `visibleUpTo`, and every operator and reporter, carry unique marker strings.
  func randomIncidents(_ rng: inout Xoshiro256StarStar, count: Int, base: Dataset, tag: Int) -> [Incident] {
    let sectors = base.sectors.map(\.id)
    let threats = base.threats
    return (0..<count).map { k in
      let scope = SharingScope.allCases[Int(rng.next() % 5)]
      let secret = "MARKER\(tag)X\(k)"
      let threat = threats[Int(rng.next() % UInt64(threats.count))]
      let sector = sectors[Int(rng.next() % UInt64(sectors.count))]
      let hidden = scope > .green
      return Incident(
        id: hidden ? "\(secret)-id" : "INC-\(tag)-\(k)", occurred: CalendarDay("\(2024 + Int(rng.next() % 3))-0\(1 + Int(rng.next() % 9))-15")!,
        sector: sector, operator: "\(secret)-operator", service: nil, threatType: threat.type, threat: threat.id,
        identifiers: hidden ? ThreatIdentifiers(cve: ["CVE-\(secret)"], products: ["\(secret)-product"]) : ThreatIdentifiers(),
        exceededVerificationLevel: rng.next() % 2 == 0,
        originSector: threat.type == .spillover ? sectors.first { $0 != sector } : nil, sharing: scope,
        reporter: "\(secret)-reporter-\(rng.next() % 4)", synthetic: true, summary: hidden ? "\(secret) summary" : nil)
    }
  }

  @Test func nothingMarkedAboveTheAudienceNorAnyOperatorReachesAGreenOrClearReport() throws {
    var rng = Xoshiro256StarStar(seed: 77)
    let base = dataset([])
    for tag in 0..<12 {
      let incidents = randomIncidents(&rng, count: 40 + tag * 10, base: base, tag: tag)
      for audience in [SharingScope.clear, .green] {
        var options = fastOptions
        options.audience = audience
        options.year = 2026
        let report = try AnnualReport.build(dataset: dataset(incidents), options: options)
        let text = everything(report)
        #expect(!text.contains("MARKER"), "dataset \(tag), \(audience.rawValue)")
        #expect(report.marking == audience && text.contains("TLP:\(audience.rawValue)"))
        // Every section carries the marking (HTML and JSON).
        #expect(report.html.components(separatedBy: "<span class=\"marking\">TLP:\(audience.rawValue)</span>").count - 1 >= report.sections.count)
        // The records above the audience change nothing but the dataset fingerprint.
        let visibleOnly = try AnnualReport.build(dataset: dataset(incidents.filter { $0.sharing <= audience }), options: options)
        #expect(report.sections.filter { $0.id != "methods" } == visibleOnly.sections.filter { $0.id != "methods" })
      }
    }
  }

  @Test func amberReportsMayNameButRedRecordsStayOut() throws {
    var rng = Xoshiro256StarStar(seed: 78)
    let base = dataset([])
    let incidents = randomIncidents(&rng, count: 80, base: base, tag: 99)
    var options = fastOptions
    options.audience = .amber
    options.year = 2026
    let report = try AnnualReport.build(dataset: dataset(incidents), options: options)
    let text = everything(report)
    for i in incidents where i.sharing > .amber { #expect(!text.contains(i.id) && !text.contains(i.summary ?? "\u{0}")) }
    // AMBER: no withheld counts.
    #expect(!report.json.serialized().contains("\"withheld\":true"))
  }

  @Test func countsFromFewerThanKReportersAreWithheldAndTheirComplementsToo() throws {
    // 2026, electric power, exceeded: intentional from two reporters (withheld), unintentional from three.
    func incident(_ k: Int, _ type: ThreatType, reporter: String) -> Incident {
      Incident(
        id: "I\(k)", occurred: CalendarDay("2026-05-0\(1 + k % 9)")!, sector: "electric-power", threatType: type,
        exceededVerificationLevel: true, sharing: .green, reporter: reporter, synthetic: true)
    }
    let incidents = [
      incident(1, .intentional, reporter: "a"), incident(2, .intentional, reporter: "b"), incident(3, .intentional, reporter: "a"),
      incident(4, .unintentional, reporter: "a"), incident(5, .unintentional, reporter: "b"), incident(6, .unintentional, reporter: "c"),
    ]
    var options = fastOptions
    options.year = 2026
    let report = try AnnualReport.build(dataset: dataset(incidents), options: options)
    func table(_ r: ReportDocument, _ id: String) -> ReportTable? {
      for s in r.sections { for case .table(let t) in s.blocks where t.id == id { return t } }
      return nil
    }
    let byType = try #require(table(report, "indicators-by-type"))
    #expect(byType.rows[0].last == .withheld)  // intentional: 3 incidents, 2 reporters
    // Unintentional (3 reporters) alone would give intentional = total − 3: one of the two goes too.
    #expect(byType.rows[1].last == .withheld || byType.rows[4].last == .withheld)
    // Types with no incident are 0, years with no incident "no data".
    #expect(byType.rows[2].last == .count(0) && byType.rows[0].first == .text("intentional causes"))
    #expect(byType.rows[2][1] == .noData && report.json.serialized().contains("{\"withheld\":true}"))
    #expect(report.html.contains("title=\"withheld by disclosure control\">x</td>"))
    #expect(report.disclosure?.isProtected == true && (report.disclosure?.secondary ?? 0) >= 1)
    // With k = 2 nothing is withheld.
    options.minimumReporters = 2
    let looser = try AnnualReport.build(dataset: dataset(incidents), options: options)
    #expect(looser.json.serialized().contains("withheld\":true") == false)
    // The dominance rule: reporter "a" holds 2 of the 3 intentional incidents (67 %).
    options.dominancePercent = 60
    let dominated = try AnnualReport.build(dataset: dataset(incidents), options: options)
    #expect(table(dominated, "indicators-by-type")!.rows[0].last == .withheld)
    options.dominancePercent = 70
    #expect(table(try AnnualReport.build(dataset: dataset(incidents), options: options), "indicators-by-type")!.rows[0].last == .count(3))
  }

  @Test func outputsAreDeterministicAndSelfContained() throws {
    var options = ReportOptions()
    options.trials = 200
    let a = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    let b = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    #expect(a.html == b.html && a.markdown.text == b.markdown.text && a.json.serialized() == b.json.serialized())
    #expect(a.year == 2026 && a.sections.map(\.id) == [
      "summary", "indicators", "interdependency", "dynamic", "restoration", "inoperability", "common-threats", "common-modes", "changes", "methods",
    ])
    // No network resources, no scripts; every table has a caption and every chart a description.
    #expect(!a.html.contains("http://") || a.html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
    #expect(!a.html.contains("https://") && !a.html.contains("<script"))
    #expect(a.html.components(separatedBy: "<table").count == a.html.components(separatedBy: "<caption>").count)
    #expect(a.html.components(separatedBy: "<svg").count == a.html.components(separatedBy: "<desc").count)
    // Synthetic data is labelled in the caveats and in the sections that use it.
    #expect(a.caveats.contains { $0.contains("SYNTHETIC") })
    for id in ["summary", "indicators", "common-threats", "changes"] {
      #expect(a.sections.first { $0.id == id }!.blocks.contains { if case .note(let n) = $0 { return n.hasPrefix("Synthetic data") } else { return false } }, "\(id)")
    }
    // Every Markdown chart link has its SVG.
    let md = a.markdown
    for chart in md.charts { #expect(md.text.contains("](\(chart.path))")) }
  }

  @Test func storeIncidentsAddToTheDatasetsAndWinOnAnID() throws {
    func incident(_ id: String, reporter: String, exceeded: Bool = true) -> Incident {
      Incident(
        id: id, occurred: CalendarDay("2026-03-01")!, sector: "water", threatType: .disaster,
        exceededVerificationLevel: exceeded, sharing: .green, reporter: reporter, synthetic: false)
    }
    let own = [incident("A", reporter: "r1"), incident("B", reporter: "r2"), incident("C", reporter: "r3")]
    var options = fastOptions
    options.year = 2026
    func total(_ r: ReportDocument) -> ReportValue? {
      for case .table(let t) in r.sections.first(where: { $0.id == "summary" })!.blocks where t.id == "headline" { return t.rows[0][1] }
      return nil
    }
    #expect(total(try AnnualReport.build(dataset: dataset(own), options: options)) == .count(3))
    // Two more from the store, and C restated by the store as not exceeding the level.
    let store = [incident("D", reporter: "r4"), incident("E", reporter: "r5"), incident("C", reporter: "r3", exceeded: false)]
    #expect(total(try AnnualReport.build(dataset: dataset(own), storeIncidents: store, options: options)) == .count(4))
  }

  @Test func aTableTooLargeForTheLimitIsSaidNotFatal() throws {
    var options = fastOptions
    options.singleFailureTableLimit = 64
    let report = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    let chapter = try #require(report.sections.first { $0.id == "interdependency" })
    #expect(chapter.blocks.contains {
      if case .note(let n) = $0 { return n.hasPrefix("Single points of failure are not listed: the single-failure table") }
      return false
    })
    #expect(!report.html.contains("id=\"single-points\""))
  }

  func table(_ r: ReportDocument, _ section: String, _ id: String) -> ReportTable? {
    for case .table(let t) in r.sections.first(where: { $0.id == section })?.blocks ?? [] where t.id == id { return t }
    return nil
  }

  func number(_ v: ReportValue) -> Double? {
    switch v {
    case .number(let x, _, _): return x
    case .count(let n): return Double(n)
    default: return nil
    }
  }

  @Test func lastYearsDatasetGivesTheChangesInDependencies() throws {
    let now = BuiltinDatasets.nisc2009()
    var last = now
    // Last year the medical sector did not need the water sector directly, and the
    // power → telecom time to impact was 6 h, not 3.
    let removed = try #require(now.dependencies.firstIndex { $0.supplier == "water" && $0.dependent == "medical" })
    last.dependencies.remove(at: removed)
    let retimed = try #require(last.dependencies.firstIndex { $0.supplier == "electric-power" && $0.dependent == "information-communications" })
    last.dependencies[retimed].timeToImpactHours = 6
    let report = try AnnualReport.build(dataset: now, previous: last, options: fastOptions)
    let changes = try #require(table(report, "changes", "dependency-changes"))
    #expect(changes.rows.contains { $0[0] == .text("added") && $0[1] == .text("Water") && $0[2] == .text("Medical") })
    // Directly new; transitively it held already (medical needs power, which needs water).
    let sectors = try #require(table(report, "changes", "sector-dependency-changes"))
    #expect(sectors.rows == [[.text("Medical"), .text("Water"), .text("new"), .text("unchanged")]])
    #expect(changes.rows.contains { $0[0] == .text("changed") && $0[3] == .text("time to impact (h) 6 → 3") })
    #expect(changes.rows.count == 2)
    // The same dataset as last year: the model is unchanged, and said so.
    let same = try AnnualReport.build(dataset: now, previous: now, options: fastOptions)
    #expect(table(same, "changes", "dependency-changes") == nil)
    #expect(same.markdown.text.contains("the dependency model is unchanged"))
    // Without last year's dataset the chapter says what it needs.
    let none = try AnnualReport.build(dataset: now, options: fastOptions)
    #expect(none.markdown.text.contains("rensa report --previous FILE"))
    #expect(report.html.contains("last year&#39;s dataset") || report.html.contains("last year's dataset"))
  }

  @Test func anInputOutputTableGivesEconomicLossesThatSolveTheModel() throws {
    // Two industries: "power" (output 100) and "rest" (output 1,000); the rest loses
    // 0.2 of its operation per unit of power inoperability, power 0.05 per unit of the rest.
    let a = Matrix(rows: 2, columns: 2, columnMajor: [0, 0.2, 0.05, 0])
    let model = try InoperabilityModel(sectors: ["power", "rest"], interdependency: a, output: [100, 1_000], origin: "test")
    let economy = try ReportEconomy(
      model: model, links: [ReportEconomy.Link(sector: "electric-power", industry: 0, share: 0.5, source: "assumption: test")],
      unit: "MJPY", origin: "test table")
    let dataset = BuiltinDatasets.nisc2009()
    let report = try AnnualReport.build(dataset: dataset, economy: economy, options: fastOptions)
    let scenario = try #require(dataset.scenarios.first { s in
      s.events.count == 1 && s.events[0].target == .node("electric-power") && s.events[0].probability == 1 && s.events[0].startHours == 0
    })
    let hours = try #require(scenario.events[0].durationHours)
    let losses = try #require(table(report, "inoperability", "economic-loss-\(scenario.id)"))
    // c* = 0.5 · h / 8,760 on power; q solves (I − A*) q = c* in closed form for 2 × 2.
    let c = 0.5 * hours / 8_760
    let det = 1 - 0.2 * 0.05
    let q = [c / det, 0.2 * c / det]
    let rows = Dictionary(uniqueKeysWithValues: losses.rows.map { row -> (String, [Double]) in
      guard case .text(let name) = row[0] else { return ("?", []) }
      return (name, row.dropFirst().compactMap(number))
    })
    #expect(abs(rows["power"]![0] - c) < 1e-15 && rows["rest"]![0] == 0)
    #expect(abs(rows["power"]![1] - q[0]) < 1e-15 && abs(rows["rest"]![1] - q[1]) < 1e-15)
    #expect(abs(rows["power"]![2] - 100 * q[0]) < 1e-12 && abs(rows["rest"]![2] - 1_000 * q[1]) < 1e-12)
    // The assumption is said, and the unit and table are in the provenance.
    #expect(report.markdown.text.contains("shares of the sector-to-industry concordance are assumptions"))
    #expect(table(report, "methods", "provenance")!.rows.contains { $0[1] == .text("test table (2 industries, MJPY)") })
    // Sectors of the scenarios without a link contribute nothing and are named.
    #expect(report.markdown.text.contains("Sectors without an industry in the concordance contribute no loss"))
    // Without a table, no losses and a sentence saying how to get them.
    let plain = try AnnualReport.build(dataset: dataset, options: fastOptions)
    #expect(table(plain, "inoperability", "economic-loss-scenarios") == nil)
    #expect(plain.markdown.text.contains("economic losses are not computed (rensa report --io-table)"))
  }

  @Test func concordanceErrorsAreAllCollectedWithTheirLines() throws {
    let model = try InoperabilityModel(
      sectors: ["05_Electricity", "09_Transport", "09_Transport_postal"], interdependency: Matrix(rows: 3, columns: 3),
      output: [1, 1, 1], origin: "t")
    let text = """
      sector,industry,share
      electric-power,05,0.6
      electric-powr,05,0.1
      railway,09_Transport,1.5
      aviation,09_Transport,0.5
      logistics,09_Transport,0.6
      gas,99,0.1
      electric-power,05_Electricity,0.2
      """
    do {
      _ = try ReportEconomy.parseConcordance(text, file: "c.csv", sectors: BuiltinDatasets.nisc2009().sectors.map(\.id), model: model)
      Issue.record("accepted a bad concordance")
    } catch {
      let lines = error.issues.map { "\($0.line ?? 0) \($0.field ?? "") \($0.reason)" }
      #expect(lines.contains("3 sector unknown sector 'electric-powr'"))
      #expect(lines.contains("4 share '1.5' is not a share in (0, 1]"))
      #expect(lines.contains("7 industry unknown industry '99'"))
      #expect(lines.contains("8 industry electric-power → 05_Electricity repeated (first on line 2)"))
      #expect(lines.contains { $0.hasPrefix("6 share the shares of 09_Transport add up to 1.1 (lines 5, 6)") })
      #expect(error.issues.count == 5)
      // "09" matches two industries: the label must say which.
      #expect(throws: DataError.self) {
        try ReportEconomy.parseConcordance("sector,industry,share\nrailway,09,0.1\n", file: "c.csv", sectors: ["railway"], model: model)
      }
    }
  }

  @Test func sha256MatchesTheStandardVectors() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256.hex(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
  }

  func table(_ r: ReportDocument, _ id: String) -> ReportTable? {
    for s in r.sections { for case .table(let t) in s.blocks where t.id == id { return t } }
    return nil
  }

  func text(_ r: ReportDocument, _ section: String) -> String {
    r.sections.first { $0.id == section }!.blocks.map { b -> String in
      switch b {
      case .paragraph(let t), .note(let t), .heading(let t): return t
      default: return ""
      }
    }.joined(separator: "\n")
  }

  /// Dependencies that run through assets: the sector table agrees with the closure over
  /// the sector's nodes, and the inoperability chapter says what it could not compute.
  @Test func sectorViewsAgreeWithTheClosureWhenDependenciesRunThroughAssets() throws {
    var d = dataset([])
    d.assets = [
      Asset(id: "substation-1", name: "Substation 1", sector: "electric-power"),
      Asset(id: "hospital-1", name: "Hospital 1", sector: "medical"),
      Asset(id: "pumps-1", name: "Pumps 1", sector: "water"),
    ]
    d.dependencies = [
      Dependency(supplier: "substation-1", dependent: "hospital-1", kind: .power, class: .physical, source: "test"),
      Dependency(supplier: "substation-1", dependent: "pumps-1", kind: .power, class: .physical, source: "test"),
      Dependency(supplier: "pumps-1", dependent: "hospital-1", kind: .water, class: .physical, source: "test"),
    ]
    d.scenarios = []
    d.topics = [AnalysisTopic(id: "t", year: 2026, title: "t", priority: 1, status: .planned)]
    var options = fastOptions
    options.year = 2026
    let r = try AnnualReport.build(dataset: d, options: options)
    let rows = try #require(table(r, "closure-by-sector")).rows
    let medical = try #require(rows.first { $0[0] == .text("Medical") })
    // Medical (hospital-1) depends on substation-1 and pumps-1: electric power and water.
    #expect(medical[1] == .count(2) && medical[5] == .text("Electric power, Water"))
    let power = try #require(rows.first { $0[0] == .text("Electric power") })
    #expect(power[2] == .count(2) && power[3] == .count(2))
    // The summary agrees with the table.
    #expect(text(r, "summary").contains("Electric power is the most critical sector: when it fails, with its systems and assets, 2 nodes"))
    let network = d.dependencyNetwork
    #expect(ClosureQuery.upstream(of: "hospital-1", in: network) == ["pumps-1", "substation-1"])
    // No row says "not in the model" while the closure has the dependency.
    #expect(!r.json.serialized().contains("not in the model"))
    // Inoperability: no raw error, but what was not computed, why and what to add.
    let inoperability = text(r, "inoperability")
    #expect(inoperability.contains("The inoperability model was not computed"))
    #expect(inoperability.contains("3 dependencies run through systems or assets") && inoperability.contains("\"coupling\""))
    #expect(!inoperability.contains("problem in the input") && !inoperability.contains("field '"))
  }

  /// No data is not zero: years before the first incident are "no data" in tables, gaps
  /// in charts and null in JSON; a year with no incidents is reported with a warning.
  @Test func noDataIsNotZero() throws {
    func incident(_ k: Int, year: Int) -> Incident {
      Incident(
        id: "N\(k)", occurred: CalendarDay("\(year)-04-0\(1 + k % 9)")!, sector: "water", threatType: .disaster,
        exceededVerificationLevel: true, sharing: .green, reporter: "r\(k % 4)", synthetic: false)
    }
    var options = fastOptions
    options.year = 2026
    let r = try AnnualReport.build(dataset: dataset((0..<8).map { incident($0, year: 2026) }), options: options)
    let byType = try #require(table(r, "indicators-by-type"))
    #expect(byType.columns == ["threat type", "2022", "2023", "2024", "2025", "2026"])
    #expect(byType.rows.allSatisfy { $0[1...4].allSatisfy { $0 == .noData } })
    #expect(byType.rows[4][5] == .count(8))
    // The change against 2025 is no change: 2025 has no data.
    let changes = try #require(table(r, "indicator-changes"))
    #expect(changes.rows[0] == [.text("IT failures exceeding the verification level"), .noData, .count(8), .none])
    #expect(!r.json.serialized().contains("+8"))
    let summary = text(r, "summary")
    #expect(summary.contains("(no data in 2025)") || summary.contains("(no data in 2025).") || summary.contains("no data in 2025"))
    // The trend chart has gaps, the JSON nulls.
    for case .chart(let chart) in r.sections.first(where: { $0.id == "indicators" })!.blocks where chart.id == "indicators-trend" {
      guard case .lines(_, let series) = chart.kind else { continue }
      #expect(series.allSatisfy { $0.values[0] == nil && $0.values[3] == nil })
    }
    // A year with no incident: written, with a warning in the report and for the terminal.
    options.year = 2027
    let empty = try AnnualReport.build(dataset: dataset((0..<8).map { incident($0, year: 2026) }), options: options)
    #expect(empty.warnings.count == 1 && empty.caveats.contains(empty.warnings[0]))
    #expect(empty.warnings[0].contains("No incident of 2027"))
    #expect(table(empty, "headline")!.rows[0][1] == .noData)
  }

  /// Ties are said as ties; "first seen" is never claimed where an earlier count was withheld.
  @Test func tiesAreNamedAndFirstSeenNeedsPublishedZeros() throws {
    var options = fastOptions
    options.year = 2026
    // Two sectors that each bring down one asset of another: a tie, said as one.
    var tie = dataset([])
    tie.assets = [
      Asset(id: "hospital-1", name: "Hospital 1", sector: "medical"), Asset(id: "hospital-2", name: "Hospital 2", sector: "medical"),
    ]
    tie.dependencies = [
      Dependency(supplier: "electric-power", dependent: "hospital-1", kind: .power, class: .physical, source: "test"),
      Dependency(supplier: "water", dependent: "hospital-2", kind: .water, class: .physical, source: "test"),
    ]
    tie.scenarios = []
    tie.topics = [AnalysisTopic(id: "t", year: 2026, title: "t", priority: 1, status: .planned)]
    let tied = try AnnualReport.build(dataset: tie, options: options)
    #expect(text(tied, "summary").contains("2 sectors are tied as the most critical (Electric power and Water)"), "\(text(tied, "summary"))")
    // Without the tie, the summary names the sector the interdependency table ranks first.
    let builtIn = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    #expect(text(builtIn, "summary").contains("Electric power is the most critical sector: when it fails, with its systems and assets, 26 nodes"))
    let threats = BuiltinDatasets.nisc2009().threats
    let (seen, unseen) = (threats[0], threats[1])
    var incidents: [Incident] = []
    // 2025: threat `seen` in water from two reporters (withheld); 2026: from five (shown); `unseen` only in 2026.
    for k in 0..<12 {
      let year = k < 2 ? 2025 : 2026
      let threat = k < 7 ? seen : unseen
      incidents.append(Incident(
        id: "F\(k)", occurred: CalendarDay("\(year)-06-0\(1 + k % 9)")!, sector: "water", threatType: threat.type, threat: threat.id,
        exceededVerificationLevel: false, originSector: threat.type == .spillover ? "electric-power" : nil, sharing: .green,
        reporter: "org\(k)", synthetic: false))
    }
    let r = try AnnualReport.build(dataset: dataset(incidents), options: options)
    let findings = text(r, "common-threats")
    #expect(findings.contains("First seen in 2026: \(unseen.name)"), "\(findings)")
    #expect(!findings.contains("First seen in 2026: \(seen.name)") && !findings.contains(", \(seen.name)."))
    // At AMBER nothing is withheld, and `seen` is known from 2025.
    options.audience = .amber
    let amber = try AnnualReport.build(dataset: dataset(incidents), options: options)
    #expect(text(amber, "common-threats").contains("First seen in 2026: \(unseen.name)."))
  }

  /// Every table of incident counts states its base, in the document and the JSON; the
  /// headline's spill-over row and the spill-over table count the same incidents.
  @Test func everyCountStatesItsBase() throws {
    var options = fastOptions
    options.audience = .amber  // nothing withheld: the sums can be compared
    let r = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    for id in ["headline", "indicators-by-type", "indicators-by-sector", "spillovers", "indicator-changes", "threats-by-reach"] {
      let t = try #require(table(r, id), "\(id)")
      #expect(t.base?.isEmpty == false, "\(id) has no base")
      #expect(r.json.serialized().contains("\"id\":\"\(id)\""))
    }
    #expect(r.json.serialized().components(separatedBy: "\"base\":").count > 6)
    let headline = try #require(table(r, "headline"))
    let spillovers = try #require(table(r, "spillovers"))
    let sum = spillovers.rows.reduce(0) { total, row in
      if case .count(let n) = row[2] { return total + n }
      return total
    }
    #expect(headline.rows[4][1] == .count(sum), "spill-over row \(headline.rows[4][1]) against the table's \(sum)")
    #expect(r.html.contains("<span class=\"base\">Counted: incidents that exceeded the verification level"))
  }

  @Test func nothingToReportIsAnError() {
    var options = fastOptions
    options.audience = .clear
    #expect(throws: DataError.self) { try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(syntheticIncidents: nil).withoutTopics, options: options) }
  }
}

extension Dataset {
  var withoutTopics: Dataset {
    var d = self
    d.topics = []
    return d
  }
}
