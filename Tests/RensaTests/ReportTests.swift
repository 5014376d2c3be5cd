import Foundation
import Rensa
import RensaGraph
import RensaLinearAlgebra
import Testing

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
    #expect(!report.json.serialized().contains("suppressed"))
  }

  @Test func countsFromFewerThanKReportersAreWithheld() throws {
    // 2026, electric power, intentional, exceeded: two reporters (withheld); unintentional: three (shown).
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
    guard case .table(let table)? = report.sections.first(where: { $0.id == "indicators" })?.blocks.first(where: {
      if case .table(let t) = $0 { return t.id == "indicators-by-type" }
      return false
    }) else {
      Issue.record("no indicator table")
      return
    }
    #expect(table.rows[0].last == .suppressed(minimum: 3))  // intentional: 3 incidents, 2 reporters
    #expect(table.rows[1].last == .count(3))  // unintentional: 3 reporters
    #expect(table.rows[4].last == .count(6))  // total: 3 reporters
    #expect(report.json.serialized().contains("{\"suppressed\":\"< 3\"}"))
    #expect(report.html.contains("title=\"withheld: fewer than 3 reporting organisations\">&lt; 3</td>"))
    // With k = 2 the intentional count shows.
    options.minimumReporters = 2
    let looser = try AnnualReport.build(dataset: dataset(incidents), options: options)
    #expect(looser.json.serialized().contains("suppressed") == false)
  }

  @Test func outputsAreDeterministicAndSelfContained() throws {
    var options = ReportOptions()
    options.trials = 200
    let a = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    let b = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    #expect(a.html == b.html && a.markdown.text == b.markdown.text && a.json.serialized() == b.json.serialized())
    #expect(a.year == 2026 && a.sections.map(\.id) == [
      "summary", "indicators", "interdependency", "dynamic", "restoration", "inoperability", "common-threats", "changes", "methods",
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
