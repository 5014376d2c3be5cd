import Foundation
import Testing
import _RensaTestSupport
import Rensa
import RensaReport
import RensaGraph
import RensaStore

/// Issue 19, the second round of hostile input: markings that survive import, identities
/// that count once, provenance that fingerprints only what an audience may see, Markdown
/// that escapes dataset text, writes that follow no planted link, and output that is
/// checked to the last byte.
@Suite struct HostileInputTests {
  /// A fresh folder under the system's temporary folder.
  func folder(_ tag: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-hostile-\(tag)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// An incident of 2026 with the fields these tests vary.
  func incident(
    _ id: String, sector: String = "electric-power", reporter: String, sharing: SharingScope = .clear, threat: String? = nil,
    day: Int = 10
  ) -> Incident {
    Incident(
      id: id, occurred: CalendarDay(year: 2026, ordinal: day), sector: sector, threatType: .intentional, threat: threat,
      exceededVerificationLevel: true, sharing: sharing, reporter: reporter, synthetic: false)
  }

  // MARK: Markings

  /// A CSAF advisory marked TLP:RED: its marking is kept, and nothing of it (title,
  /// vendor, product, CVE) reaches a CLEAR or GREEN report; a RED report shows it.
  @Test func aRedAdvisoryStaysOutOfLowerReports() throws {
    let text = """
      {"document": {"category": "csaf_security_advisory", "title": "SECRETTITLE controller flaw",
        "distribution": {"tlp": {"label": "RED"}},
        "tracking": {"id": "ICSA-99-001-01", "initial_release_date": "2026-01-05T00:00:00Z"},
        "notes": [{"title": "Critical infrastructure sectors", "text": "Energy", "category": "other"}]},
       "product_tree": {"branches": [{"category": "vendor", "name": "SecretVendor",
         "branches": [{"category": "product_name", "name": "SecretProduct"}]}]},
       "vulnerabilities": [{"cve": "CVE-2099-0001"}]}
      """
    let advisory = try #require(try CSAFImporter.parseAdvisory(text, file: "red.json"))
    #expect(advisory.marking == .red)
    let threat = advisory.asThreat(unmarked: .clear)
    #expect(threat.sharing == .red)
    // TLP 1.0's WHITE is CLEAR; an unknown label is an error with its place.
    let white = try #require(try CSAFImporter.parseAdvisory(text.replacingOccurrences(of: "\"RED\"", with: "\"WHITE\""), file: "w.json"))
    #expect(white.marking == .clear)
    #expect(throws: DataError.self) { try CSAFImporter.parseAdvisory(text.replacingOccurrences(of: "\"RED\"", with: "\"PURPLE\""), file: "p.json") }
    let unmarked = try #require(try CSAFImporter.parseAdvisory(text.replacingOccurrences(of: "\"distribution\": {\"tlp\": {\"label\": \"RED\"}},", with: ""), file: "u.json"))
    #expect(unmarked.marking == nil && unmarked.asThreat(unmarked: .amber).sharing == .amber)

    var dataset = BuiltinDatasets.nisc2009()
    dataset.threats.append(threat)
    // A GREEN incident names the RED threat: it is counted, the threat is not named.
    dataset.incidents += (0..<4).map { incident("RED-REF-\($0)", reporter: "org\($0)", threat: threat.id, day: 20 + $0) }
    for audience in [SharingScope.clear, .green, .amber] {
      var options = ReportOptions()
      options.year = 2026
      options.audience = audience
      options.trials = 50
      let document = try AnnualReport.build(dataset: dataset, options: options)
      let all = document.markdown.text + document.html + document.json.serialized(pretty: false)
      for secret in ["SECRETTITLE", "SecretVendor", "SecretProduct", "CVE-2099-0001", "ICSA-99-001-01"] {
        #expect(!all.contains(secret), "TLP:\(audience.rawValue) report shows '\(secret)'")
      }
    }
    var options = ReportOptions()
    options.year = 2026
    options.audience = .red
    options.trials = 50
    let red = try AnnualReport.build(dataset: dataset, options: options)
    #expect(red.markdown.text.contains("CVE-2099-0001"))
  }

  /// STIX markings: TLP 1.0 and 2.0 definitions by their standard ids, a TLP definition
  /// in the bundle, a statement (not TLP), a reference nobody defines (RED), and a group
  /// whose `uses` relationship is RED (the group's threat is RED too).
  @Test func stixMarkingsAreKept() throws {
    func object(_ type: String, _ id: String, _ attack: String, _ name: String, marking: [String]) -> String {
      let refs = marking.map { "\"\($0)\"" }.joined(separator: ",")
      return """
        {"type": "\(type)", "id": "\(id)", "name": "\(name)", "object_marking_refs": [\(refs)],
         "external_references": [{"source_name": "mitre-attack", "external_id": "\(attack)"}]}
        """
    }
    let red2 = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
    let green1 = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
    let local = "marking-definition--00000000-0000-4000-8000-000000000001"
    let statement = "marking-definition--00000000-0000-4000-8000-000000000002"
    let bundle = """
      {"type": "bundle", "id": "bundle--1", "objects": [
        {"type": "marking-definition", "id": "\(local)", "definition_type": "tlp", "definition": {"tlp": "amber"}},
        {"type": "marking-definition", "id": "\(statement)", "definition_type": "statement", "definition": {"statement": "(c)"}},
        \(object("attack-pattern", "attack-pattern--1", "T0801", "Open", marking: [statement])),
        \(object("attack-pattern", "attack-pattern--2", "T0802", "Green one", marking: [green1])),
        \(object("attack-pattern", "attack-pattern--3", "T0803", "Amber one", marking: [local, statement])),
        \(object("attack-pattern", "attack-pattern--4", "T0804", "Unknown one", marking: ["marking-definition--ffffffff-0000-4000-8000-000000000000"])),
        \(object("intrusion-set", "intrusion-set--1", "G0001", "Group", marking: [])),
        {"type": "relationship", "id": "relationship--1", "relationship_type": "uses", "source_ref": "intrusion-set--1",
         "target_ref": "attack-pattern--1", "object_marking_refs": ["\(red2)"]}
      ]}
      """
    let (kb, report) = try STIXImporter.parse(bundle, file: "b.json")
    let threats = Dictionary(uniqueKeysWithValues: kb.threats(unmarked: .clear).map { ($0.id, $0.sharing) })
    #expect(threats == ["T0801": .clear, "T0802": .green, "T0803": .amber, "T0804": .red, "G0001": .red])
    #expect(report.skipped.contains { $0.reason.contains("ffffffff") && $0.reason.contains("TLP:RED") })
    // Unmarked objects take the import's default; marked ones keep theirs.
    #expect(kb.threats(unmarked: .green).first { $0.id == "T0801" }?.sharing == .green)
    #expect(kb.threats(unmarked: .green).first { $0.id == "T0802" }?.sharing == .green)
  }

  /// The dataset format keeps a threat's marking through writing and reading; an
  /// unmarked catalogue entry is CLEAR.
  @Test func threatMarkingsRoundTrip() throws {
    var dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    dataset.threats[0].sharing = .amberStrict
    let back = try DatasetReader.parse(DatasetWriter.json(dataset), file: "d.json")
    #expect(back.threats[0].sharing == .amberStrict && back.threats[1].sharing == .clear)
    let unmarked = DatasetWriter.json(dataset).replacingOccurrences(of: ",\n      \"sharing\": \"CLEAR\"", with: "")
    #expect(!unmarked.isEmpty)
    #expect(try DatasetReader.parse(unmarked, file: "d.json").threats[1].sharing == .clear)
  }

  /// A store record may not lower the dataset record's marking, and store incidents of
  /// a sector the dataset lacks are refused, not silently left out of every row.
  @Test func theStoreCannotLowerAMarkingOrAddUnknownSectors() throws {
    var dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    dataset.incidents = [incident("INC-1", reporter: "a", sharing: .amber)]
    var options = ReportOptions()
    options.year = 2026
    options.trials = 50
    let lowered = [incident("inc-1 ", reporter: "a", sharing: .green)]
    let error = try #require(throws: DataError.self) { try AnnualReport.build(dataset: dataset, storeIncidents: lowered, options: options) }
    #expect(error.issues.contains { $0.reason.contains("may not lower") && $0.reason.contains("'INC-1'") })
    // Raising it is allowed (the store's copy wins).
    _ = try AnnualReport.build(dataset: dataset, storeIncidents: [incident("INC-1", reporter: "a", sharing: .red)], options: options)
    let unknown = (0..<5).map { incident("X-\($0)", sector: "elecrtic-power", reporter: "r\($0)") }
    let second = try #require(throws: DataError.self) { try AnnualReport.build(dataset: dataset, storeIncidents: unknown, options: options) }
    #expect(second.issues.count == 1 && second.issues[0].reason.contains("5 store incident(s)"))
    #expect(second.issues[0].hint?.contains("did you mean 'electric-power'?") == true)
  }

  /// A report below the whole file's marking never prints the file's SHA-256, only that
  /// of what its audience may see; a RED report of the same file prints the file's.
  @Test func provenanceFingerprintsOnlyWhatTheAudienceSees() throws {
    var dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    dataset.incidents = (0..<6).map { incident("I\($0)", reporter: "org\($0 % 3)", sharing: $0 == 5 ? .red : .clear, day: 10 + $0) }
    let directory = try folder("digest")
    let file = directory.appendingPathComponent("d.json")
    try DatasetWriter.json(dataset).write(to: file, atomically: true, encoding: .utf8)
    let fileDigest = SHA256.hex(Array(try Data(contentsOf: file)))
    for (audience, showsFile) in [("clear", false), ("green", false), ("amber", false), ("red", true)] {
      let run = try TestPaths.runRensa([
        "report", "--dataset", file.path, "--audience", audience, "--format", "md", "--out", directory.path, "--trials", "50",
      ])
      #expect(run.status == 0, "\(run.stderr)")
      let md = try String(contentsOf: directory.appendingPathComponent("common-threats-2026.tlp-\(audience).md"), encoding: .utf8)
      #expect(md.contains(fileDigest) == showsFile, "TLP:\(audience)")
      if !showsFile { #expect(md.contains("SHA-256 of what TLP:\(audience.uppercased()) may see")) }
    }
  }

  // MARK: Identities

  @Test func oneOrganisationSpeltManyWaysHasOneKey() {
    let spellings = ["QXONE", "qxone", "QXONE ", " QXONE", "QX\u{200B}ONE", "\u{FEFF}QXONE", "ＱＸＯＮＥ", "QXONE\t", "qx\u{00AD}one"]
    #expect(Set(spellings.map(Identity.key)) == ["qxone"])
    #expect(Identity.key("Caf\u{E9}") == Identity.key("Cafe\u{301}"))
    #expect(Identity.key("STRASSE") == Identity.key("straße"))
    #expect(Identity.key("QX ONE") != Identity.key("QXONE") && Identity.key("QXONE") != Identity.key("QXTWO"))
    #expect(Identity.key("QX   ONE") == Identity.key("qx one"))
    #expect(Identity.nearDuplicates(["QXONE", "qxone ", "Other"]) == [["QXONE", "qxone "]])
    // Messages show what an id really holds, and no terminal control sequence survives.
    #expect(Identity.printable("QX\u{200B}ONE") == "QX\\u{200B}ONE")
    #expect(Identity.printable("a\u{1B}[31mred") == "a\\u{1B}[31mred")
    #expect(Identity.terminalSafe("a\u{1B}[2J\tb\n\u{202E}c\u{3000}日本") == "a\\u{1B}[2J\tb\n\\u{202E}c\u{3000}日本")
  }

  /// Three spellings of one reporter are one reporter: with k = 3 their cell is withheld
  /// (it was shown as "3" before), while a cell of three distinct reporters is shown.
  @Test func spellingsOfOneReporterCountOnce() throws {
    var records = ["QXONE", "qxone ", "ＱＸＯＮＥ"].enumerated().map { k, r in incident("A\(k)", reporter: r, day: 10 + k) }
    records += ["one", "two", "three"].enumerated().map { k, r in incident("B\(k)", sector: "water", reporter: r, day: 20 + k) }
    let disclosure = try ReportDisclosure(visible: records, audience: .clear, rule: .init(minimumReporters: 3))
    #expect(disclosure.value(2026, .exceededInSector("electric-power")) == .withheld)
    // Three organisations truly distinct: the same cell is published.
    for k in 0..<3 { records[k].reporter = ["QXONE", "QXTWO", "QXTHREE"][k] }
    let distinct = try ReportDisclosure(visible: records, audience: .clear, rule: .init(minimumReporters: 3))
    #expect(distinct.value(2026, .exceededInSector("electric-power")) == .count(3))
  }

  /// The editions are protected together: a cell published in CLEAR and GREEN whose
  /// difference is one reporter's count never shows both values.
  @Test func editionDifferencesDoNotRevealOneReporter() throws {
    // CLEAR: three reporters; GREEN adds one more record from a fourth reporter.
    var records = ["a", "b", "c"].enumerated().map { k, r in incident("C\(k)", reporter: r, day: 10 + k) }
    records.append(incident("G0", reporter: "d", sharing: .green, day: 30))
    records += ["p", "q", "r", "s"].enumerated().map { k, r in incident("W\(k)", sector: "water", reporter: r, day: 40 + k) }
    let clear = try ReportDisclosure(visible: records.filter { $0.sharing == .clear }, audience: .clear, rule: .init(minimumReporters: 3))
    let green = try ReportDisclosure(visible: records, audience: .green, rule: .init(minimumReporters: 3))
    let cell = CountMeasure.exceededInSector("electric-power")
    if case .count(let c) = clear.value(2026, cell), case .count(let g) = green.value(2026, cell) {
      Issue.record("CLEAR shows \(c) and GREEN \(g): their difference is one reporter's count")
    }
  }

  /// Incident ids that differ only in normalisation are one id: a dataset holding both
  /// is refused, and the store treats the second as the same record.
  @Test func incidentIdsAreComparedInNormalForm() throws {
    var dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    dataset.incidents = [incident("INC-1", reporter: "a"), incident("inc\u{200B}-1", reporter: "a", day: 11)]
    let error = try #require(throws: DataError.self) { try DatasetReader.parse(DatasetWriter.json(dataset), file: "d.json") }
    #expect(error.issues.contains { $0.reason.contains("the same as 'INC-1' once case, width") && $0.reason.contains("\\u{200B}") })
    let store = try IncidentStore(path: NSTemporaryDirectory() + "rensa-ids-\(UUID().uuidString).sqlite")
    try store.importIncidents([incident("INC-1", reporter: "a")], source: "one")
    let second = try #require(throws: DataError.self) {
      try store.importIncidents([incident("ｉｎｃ-1", reporter: "a", day: 12)], source: "two")
    }
    #expect(second.issues.contains { $0.reason.contains("already stored as 'INC-1'") })
    #expect(try store.count() == 1)
  }

  // MARK: The store

  /// Export → import round-trips every store, operators included (random stores).
  @Test(arguments: [1, 2, 3, 4, 5])
  func exportImportRoundTrips(seed: UInt64) throws {
    var rng = Xoshiro256StarStar(seed: seed)
    let context = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let sectors = context.sectors.map(\.id)
    let operators = (0..<Int(1 + rng.next() % 4)).map { k in
      Operator(id: "op-\(seed)-\(k)", name: "Operator \(k) \u{201C}quoted\u{201D}", sector: sectors[Int(rng.next() % UInt64(sectors.count))])
    }
    let incidents = (0..<Int(1 + rng.next() % 30)).map { k -> Incident in
      let o = operators[Int(rng.next() % UInt64(operators.count))]
      var i = incident(
        "R\(seed)-\(k)", sector: o.sector, reporter: "rep\(rng.next() % 5)",
        sharing: SharingScope.allCases[Int(rng.next() % 5)], day: Int(1 + rng.next() % 360))
      i.operator = o.id
      i.durationHours = rng.next() % 2 == 0 ? Double(rng.next() % 1000) / 8 : nil
      i.summary = rng.next() % 2 == 0 ? "summary \(k) with <b>markup</b> & \"quotes\"" : nil
      // The CVEs, techniques and products an incident names (issue 22) travel too.
      if rng.next() % 2 == 0 {
        i.identifiers = ThreatIdentifiers(
          attack: ["T1190", "T1486"].filter { _ in rng.next() % 2 == 0 }, cve: rng.next() % 2 == 0 ? ["CVE-2023-27997"] : [],
          products: rng.next() % 2 == 0 ? ["cpe:2.3:o:fortinet:fortios:7.0.1:*:*:*:*:*:*:*"] : [])
      }
      return i
    }
    let file = DatasetWriter.incidentFile(operators: operators, incidents: incidents)
    let parsed = try DatasetReader.parseIncidents(file, file: "in.json", context: context)
    let first = try IncidentStore(path: NSTemporaryDirectory() + "rensa-rt-\(UUID().uuidString).sqlite")
    try first.importIncidents(parsed.incidents, operators: parsed.operators, source: "in.json")
    let exported = DatasetWriter.incidentFile(operators: try first.operators(), incidents: try first.incidents())
    let again = try DatasetReader.parseIncidents(exported, file: "export.json", context: context)
    let second = try IncidentStore(path: NSTemporaryDirectory() + "rensa-rt-\(UUID().uuidString).sqlite")
    try second.importIncidents(again.incidents, operators: again.operators, source: "export.json")
    #expect(try second.incidents() == (try first.incidents()))
    #expect(try first.incidents().map(\.identifiers) == incidents.sorted { ($0.occurred, $0.id) < ($1.occurred, $1.id) }.map(\.identifiers))
    #expect(try second.operators() == operators.sorted { $0.id < $1.id })
    #expect(DatasetWriter.incidentFile(operators: try second.operators(), incidents: try second.incidents()) == exported)
  }

  /// A store from a newer schema and a damaged store are refused before anything is
  /// read or written.
  @Test func newerAndDamagedStoresAreRefused() throws {
    let path = NSTemporaryDirectory() + "rensa-newer-\(UUID().uuidString).sqlite"
    let store = try IncidentStore(path: path)
    try store.importIncidents([incident("N1", reporter: "a")], source: "one")
    let run = try TestPaths.runRensa(["incidents", "list", "--store", path])
    #expect(run.status == 0, "\(run.stderr)")
    // Mark the store as written by a newer Rensa (a migration this one does not know).
    let sqlite = try TestPaths.runSQLite(path, "INSERT INTO grdb_migrations VALUES ('v9-from-the-future');")
    guard sqlite else { return }
    for arguments in [["incidents", "list", "--store", path], ["report", "--store", path, "--out", NSTemporaryDirectory() + "never"]] {
      let refused = try TestPaths.runRensa(arguments)
      #expect(refused.status == 65 && refused.stderr.contains("written by a newer Rensa (schema v9-from-the-future)"), "\(refused.stderr)")
    }
    // Damage a page in the middle of a store of many records.
    let damaged = NSTemporaryDirectory() + "rensa-damaged-\(UUID().uuidString).sqlite"
    let big = try IncidentStore(path: damaged)
    try big.importIncidents((0..<3000).map { incident("D\($0)", reporter: "r\($0 % 7)", day: 1 + $0 % 360) }, source: "many")
    _ = try TestPaths.runSQLite(damaged, "PRAGMA wal_checkpoint(TRUNCATE);")
    let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
    try handle.seek(toOffset: 40 * 4096 + 100)
    handle.write(Data(repeating: 0xA5, count: 3000))
    try handle.close()
    let file = try folder("damaged").appendingPathComponent("in.json")
    try DatasetWriter.incidentFile(operators: [], incidents: [incident("NEW", reporter: "z")]).write(to: file, atomically: true, encoding: .utf8)
    let refused = try TestPaths.runRensa(["incidents", "import", file.path, "--store", damaged])
    #expect(refused.status == 65 && refused.stderr.contains("damaged"), "\(refused.stderr)")
    #expect(!refused.stdout.contains("added"))
  }

  // MARK: Escaping

  /// Dataset text reaches the Markdown report escaped: no raw HTML, no link or image
  /// of its own, no emphasis; HTML and SVG escape it too.
  @Test func datasetTextIsEscapedInEveryFormat() throws {
    var dataset = BuiltinDatasets.nisc2009()
    let hostile = "<script>alert(1)</script> [click](javascript:alert(2)) ![x](http://evil.example/p.png) <iframe src=x> **bold** `code` | cell"
    dataset.sectors[0].name = hostile
    var options = ReportOptions()
    options.audience = .amber
    options.trials = 50
    let document = try AnnualReport.build(dataset: dataset, options: options)
    let md = document.markdown.text
    for raw in ["<script", "<iframe", "**bold**", "`code`"] { #expect(!md.contains(raw), "Markdown holds '\(raw)'") }
    // Link and image syntax only where Rensa writes it: every unescaped "](" follows an
    // unescaped "![" of a chart, and points into the charts folder.
    let chars = Array(md)
    var targets: [String] = []
    for k in 1..<chars.count where chars[k] == "(" && chars[k - 1] == "]" && (k < 2 || chars[k - 2] != "\\") {
      targets.append(String(chars[(k + 1)...].prefix(while: { $0 != ")" })))
    }
    #expect(!targets.isEmpty && targets.allSatisfy { $0.hasPrefix("charts/\(document.fileStem)/") }, "\(targets)")
    #expect(md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\[click\\](javascript:alert(2)) \\!\\[x\\](http://evil.example/p.png)"))
    #expect(!document.html.contains("<script") && !document.html.contains("<iframe"))
    for chart in document.markdown.charts { #expect(!chart.svg.contains("<script") && !chart.svg.contains("<iframe")) }
    #expect(ReportDocument.markdownEscaped("1. not a list") == "1\\. not a list")
    #expect(ReportDocument.markdownEscaped("12.5 and -3") == "12.5 and -3")
    #expect(ReportDocument.markdownEscaped("- item\nnext") == "\\- item next")
  }

  // MARK: Files and output

  /// Symbolic links planted at every path the writers use are never followed: the
  /// victim stays as it was, and the report is a regular file.
  @Test func plantedLinksAreNeverFollowed() throws {
    let out = try folder("links")
    let victim = out.appendingPathComponent("victim.txt")
    try "precious\n".write(to: victim, atomically: true, encoding: .utf8)
    let fm = FileManager.default
    let stem = "common-threats-2026.tlp-green"
    // Links at the final names, at the old predictable temporary names, and in tables.
    for name in ["\(stem).html", "\(stem).html.partial", "\(stem).md.partial", "\(stem).json", "\(stem).json.partial"] {
      try fm.createSymbolicLink(atPath: out.appendingPathComponent(name).path, withDestinationPath: victim.path)
    }
    let run = try TestPaths.runRensa(["report", "--out", out.path, "--format", "html,json", "--trials", "50"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    for name in ["\(stem).html", "\(stem).json"] {
      let attributes = try fm.attributesOfItem(atPath: out.appendingPathComponent(name).path)
      #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(name) is not a regular file")
    }
    #expect(try fm.contentsOfDirectory(atPath: out.path).allSatisfy { !$0.hasSuffix(".partial") || $0.hasPrefix(stem) })
    // A planted `charts` link (and one inside it) is refused, not followed.
    let elsewhere = try folder("elsewhere")
    try fm.createSymbolicLink(atPath: out.appendingPathComponent("charts").path, withDestinationPath: elsewhere.path)
    let charts = try TestPaths.runRensa(["report", "--out", out.path, "--format", "md", "--trials", "50"])
    #expect(charts.status == 74 && charts.stderr.contains("charts is a symbolic link"), "\(charts.stderr)")
    #expect(try fm.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    try fm.removeItem(at: out.appendingPathComponent("charts"))
    try fm.createDirectory(at: out.appendingPathComponent("charts"), withIntermediateDirectories: true)
    try fm.createSymbolicLink(atPath: out.appendingPathComponent("charts/\(stem)").path, withDestinationPath: elsewhere.path)
    let inner = try TestPaths.runRensa(["report", "--out", out.path, "--format", "md", "--trials", "50"])
    #expect(inner.status == 74 && inner.stderr.contains("is a symbolic link"), "\(inner.stderr)")
    #expect(try fm.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    // The output folder itself as a link, and the --tables writer.
    let linkedOut = out.appendingPathComponent("linked-out")
    try fm.createSymbolicLink(atPath: linkedOut.path, withDestinationPath: elsewhere.path)
    let folderLink = try TestPaths.runRensa(["report", "--out", linkedOut.path, "--format", "json", "--trials", "50"])
    #expect(folderLink.status == 74 && folderLink.stderr.contains("is a symbolic link"), "\(folderLink.stderr)")
    let tables = try folder("tables")
    try fm.createSymbolicLink(atPath: tables.appendingPathComponent("dataset.json").path, withDestinationPath: victim.path)
    try fm.createSymbolicLink(atPath: tables.appendingPathComponent("dataset.json.partial").path, withDestinationPath: victim.path)
    let export = try TestPaths.runRensa(["datasets", "--export", "nisc-2009", "--tables", tables.path])
    #expect(export.status == 0, "\(export.stderr)")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    #expect(try fm.attributesOfItem(atPath: tables.appendingPathComponent("dataset.json").path)[.type] as? FileAttributeType == .typeRegular)
    #expect(try fm.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
  }

  /// `--out` naming a file, a device or nothing gets a clear error (64), and a full
  /// device exit 74; standard output that cannot be written is exit 74 too.
  @Test func outputThatCannotBeWrittenIsAnError() throws {
    let directory = try folder("out")
    let file = directory.appendingPathComponent("a-file")
    try "x".write(to: file, atomically: true, encoding: .utf8)
    for (out, status, text) in [
      (file.path, Int32(64), "is not a folder"), ("/dev/null", 64, "is not a folder"), ("/dev/full", 64, "is not a folder"),
      ("", 64, "the output folder is empty"),
    ] {
      let run = try TestPaths.runRensa(["report", "--out", out, "--format", "json", "--trials", "50"], directory: directory.path)
      #expect(run.status == status && run.stderr.contains(text), "--out '\(out)': \(run.status) \(run.stderr)")
      #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a-file"])
    // Standard output to a full device: every command that prints fails with 74.
    let store = NSTemporaryDirectory() + "rensa-full-\(UUID().uuidString).sqlite"
    try IncidentStore(path: store).importIncidents(
      (0..<2000).map { incident("F\($0)", reporter: "r", day: 1 + $0 % 360) }, source: "many")
    var commands: [[String]] = [["incidents", "export", "--store", store], ["closure"], ["validate"], ["datasets", "--export", "nisc-2009"]]
    if let kev = TestPaths.sharedDataset("cisa-kev/known_exploited_vulnerabilities.json") { commands.append(["import", "kev", kev.path]) }
    for arguments in commands {
      let run = try TestPaths.runRensa(arguments, stdoutPath: "/dev/full")
      #expect(run.status == 74 && run.stderr.contains("standard output could not be written"), "\(arguments): \(run.status) \(run.stderr)")
    }
  }

  /// The CSAF archive is unpacked into a private folder (0700) that is removed; folders
  /// left by a run killed with SIGKILL are removed by the next.
  @Test func temporaryFoldersArePrivateAndCleaned() throws {
    let folder = try TemporaryFolder(purpose: "test")
    let mode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
    #expect(mode == 0o700)
    folder.remove()
    #expect(!FileManager.default.fileExists(atPath: folder.path))
    // A stale folder of a process that no longer runs (pid 2^22 + 1 is above Linux's maximum).
    let stale = NSTemporaryDirectory() + "rensa-test-4194305-abcdef"
    try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
    let live = NSTemporaryDirectory() + "rensa-test-\(getpid())-abcdef"
    try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: live) }
    #expect(TemporaryFolder.removeStale(purpose: "test") >= 1)
    #expect(!FileManager.default.fileExists(atPath: stale) && FileManager.default.fileExists(atPath: live))
  }

  // MARK: Importers write what validates

  /// Every importer's output is accepted by `rensa validate` (on the shared real data
  /// and the fixtures), and an importer refuses to write what validation would reject.
  @Test func everyImportersOutputValidates() throws {
    var sources: [[String]] = [
      ["edges", TestPaths.repository.appendingPathComponent("Datasets/example/example-network.csv").path],
      ["graphml", TestPaths.fixture("networkx-directed.graphml").path],
    ]
    if let kev = TestPaths.sharedDataset("cisa-kev/known_exploited_vulnerabilities.csv") { sources.append(["kev", kev.path]) }
    if let ics = TestPaths.sharedDataset("mitre-attack-ics/ics-attack-18.1.json") { sources.append(["stix", ics.path]) }
    if let csaf = TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz") { sources.append(["csaf", csaf.path]) }
    if let shelby = TestPaths.sharedDataset("shelby-county/Extended_Shelby_County") { sources.append(["shelby-county", shelby.path]) }
    let directory = try folder("imports")
    for source in sources {
      let file = directory.appendingPathComponent("\(source[0]).json").path
      #expect(FileManager.default.createFile(atPath: file, contents: nil))
      let run = try TestPaths.runRensa(["import"] + source, stdoutPath: file)
      #expect(run.status == 0, "\(source): \(run.stderr)")
      let check = try TestPaths.runRensa(["validate", file])
      #expect(check.status == 0, "\(source): \(check.stderr)")
    }
    // A CVSS score out of range in an advisory: refused before anything is written.
    let advisories = directory.appendingPathComponent("advisories")
    try FileManager.default.createDirectory(at: advisories, withIntermediateDirectories: true)
    try """
      {"document": {"category": "csaf_security_advisory", "title": "Flaw", "distribution": {"tlp": {"label": "WHITE"}},
        "tracking": {"id": "ICSA-99-003-01", "initial_release_date": "2026-01-05T00:00:00Z"}},
       "vulnerabilities": [{"cve": "CVE-2099-0002", "scores": [{"cvss_v3": {"baseScore": 99.5}}]}]}
      """.write(to: advisories.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
    let refused = try TestPaths.runRensa(["import", "csaf", advisories.path])
    #expect(refused.status == 65 && refused.stdout.isEmpty, "\(refused.stderr)")
    #expect(refused.stderr.contains("a.json:3: field 'vulnerabilities.scores[0].cvss_v3.baseScore': 99.5 is above the maximum 10"), "\(refused.stderr)")
  }

  /// `rensa validate` warns (exit 0) about spellings of one reporter and about incidents
  /// marked as exceeding a verification level with figures far below it.
  @Test func validateWarnsAboutNearDuplicatesAndUnlikelyExceedances() throws {
    var dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let service = try #require(dataset.services.first { $0.verificationLevel.unit == "users" })
    var low = incident("LOW-1", sector: service.sector, reporter: "QXONE")
    low.service = service.id
    low.affectedUsers = 10
    dataset.incidents = [low, incident("LOW-2", sector: service.sector, reporter: "qx\u{200B}one ")]
    let file = try folder("warn").appendingPathComponent("d.json")
    try DatasetWriter.json(dataset).write(to: file, atomically: true, encoding: .utf8)
    let run = try TestPaths.runRensa(["validate", file.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("2 spellings of one reporter: 'QXONE', 'qx\\u{200B}one '"), "\(run.stderr)")
    #expect(run.stderr.contains("1 incident(s) are marked as exceeding") && run.stderr.contains("'LOW-1'"), "\(run.stderr)")
  }
}
