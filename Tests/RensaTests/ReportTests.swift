import Foundation
import Rensa
import RensaGraph
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
