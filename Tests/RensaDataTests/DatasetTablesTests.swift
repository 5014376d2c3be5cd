import Foundation
import Testing
import RensaData
import _RensaTestSupport

/// Bulk CSV tables in dataset documents, and failure scenarios.
@Suite struct DatasetTablesTests {
  func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-tables-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func write(_ files: [(name: String, text: String)], to directory: URL) throws {
    for f in files { try f.text.write(to: directory.appendingPathComponent(f.name), atomically: true, encoding: .utf8) }
  }

  /// Issues of reading `document` with `tables` beside it.
  func issues(document: String, tables: [(name: String, text: String)]) throws -> [DataIssue] {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try write(tables + [("dataset.json", document)], to: directory)
    do {
      _ = try DatasetReader.read(path: directory.appendingPathComponent("dataset.json").path)
      return []
    } catch {
      // Name files relative to the directory, for readable expectations.
      return error.issues.map { var i = $0; i.file = ($0.file as NSString).lastPathComponent; return i }
    }
  }

  @Test func writeTablesThenReadGivesAnEqualDataset() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var tableRows = 0
    var inlineKept = 0
    for seed in 0..<300 {
      let dataset = DatasetGenerators.random(seed: UInt64(seed))
      let (document, tables) = DatasetWriter.tables(dataset, prefix: "r\(seed)-")
      try write(tables + [("r\(seed).json", document)], to: directory)
      let back = try DatasetReader.read(path: directory.appendingPathComponent("r\(seed).json").path)
      if back != dataset { Issue.record("seed \(seed): the dataset read back differs") }
      tableRows += tables.reduce(0) { $0 + $1.text.split(separator: "\n").count - 1 }
      if dataset.incidents.contains(where: { $0.identifiers.products == ["a;b"] }) {
        inlineKept += 1
        #expect(!tables.contains { $0.name.hasSuffix("incidents.csv") })
      }
    }
    // The property is exercised: many rows went through tables, and the records a table
    // cannot hold exactly (identifiers containing ';') stayed in the document.
    #expect(tableRows > 500)
    #expect(inlineKept > 10)
    // The built-in dataset too (its 530 synthetic incidents go to a table).
    let builtIn = BuiltinDatasets.nisc2009()
    let (document, tables) = DatasetWriter.tables(builtIn)
    #expect(tables.map(\.name) == ["assets.csv", "dependencies.csv", "incidents.csv"])
    try write(tables + [("nisc.json", document)], to: directory)
    #expect(try DatasetReader.read(path: directory.appendingPathComponent("nisc.json").path) == builtIn)
  }

  @Test func tableProblemsNameFileLineAndColumn() throws {
    let document = """
      {"name": "t", "description": "tables",
       "sectors": [{"id": "power", "name": "Power"}, {"id": "water", "name": "Water"}],
       "assets": [{"id": "pump", "name": "Pump", "sector": "water"}],
       "tables": {"assets": "assets.csv", "dependencies": "deps.tsv"}}
      """
    let assets = """
      # assets of the test
      id,name,sector,users
      plant,Plant,power,100
      pump,Second pump,water,
      well,"Well, ""deep""
      and old",watr,12x
      """
    let dependencies = "supplier\tdependent\tkind\tclass\tsource\tneed\nplant\twell\tpower\tphysical\ta\t1\nplant\tpump\tpowr\tphysical\tb\t2\n"
    let found = try issues(document: document, tables: [("assets.csv", assets), ("deps.tsv", dependencies)])
    let text = found.map(\.description)
    // Duplicate id across document and table, pointing at the first record.
    #expect(text.contains("assets.csv:4: field 'id': duplicate id 'pump' (first used by assets[0])"))
    // A quoted field spanning two lines: the row is numbered by its first line.
    #expect(text.contains("assets.csv:5: field 'sector': unknown sector 'watr' (did you mean 'water'?)"))
    #expect(text.contains("assets.csv:5: field 'users': '12x' is not a number"))
    #expect(text.contains { $0.hasPrefix("deps.tsv:3: field 'kind': 'powr' is not one of") && $0.hasSuffix("(did you mean 'power'?)") })
    #expect(text.contains("deps.tsv:3: field 'need': 'need' is 2 but the dependency has no group"))
    #expect(found.count == 5, "\(text)")
  }

  @Test func tableHeaderProblemsAreReportedOnceAndMissingFilesNamed() throws {
    let document = """
      {"name": "t", "description": "tables",
       "sectors": [{"id": "power", "name": "Power"}],
       "tables": {"assets": "assets.csv", "incidents": "missing.csv", "threats": "x.csv"}}
      """
    let assets = "id,name,sectr,colour\na,A,power,red\nb,B,power,blue\n"
    let text = try issues(document: document, tables: [("assets.csv", assets)]).map(\.description)
    #expect(text.contains("assets.csv:1: field 'sectr': unknown column in a table of assets (did you mean 'sector'?)"))
    #expect(text.contains { $0.hasPrefix("assets.csv:1: field 'colour': unknown column in a table of assets (allowed: id, name") })
    #expect(text.contains("assets.csv:1: field 'sector': required column is missing"))
    #expect(text.contains { $0.hasPrefix("dataset.json:3: field 'tables.incidents': cannot read the table") && $0.contains("missing.csv: no such file") })
    #expect(text.contains { $0.hasPrefix("dataset.json:3: field 'tables.threats': unknown field") })
    #expect(text.count == 5, "\(text)")
  }

  @Test func incidentTablesReadListsAndBooleans() throws {
    let document = """
      {"name": "t", "description": "tables",
       "sectors": [{"id": "power", "name": "Power"}],
       "tables": {"incidents": "incidents.csv"}}
      """
    let incidents = """
      id,occurred,sector,threatType,attack,cve,exceededVerificationLevel,sharing,reporter,synthetic
      i1,2026-03-01,power,intentional,T0800; T0831,,TRUE,GREEN,Utility A,false
      i2,2026-02-30,power,intentional,,,maybe,GREN,Utility B,false
      """
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let found = try issues(document: document, tables: [("incidents.csv", incidents)]).map(\.description)
    #expect(found.contains("incidents.csv:3: field 'occurred': '2026-02-30' is not a date: February 2026 has 28 days"))
    #expect(found.contains("incidents.csv:3: field 'exceededVerificationLevel': 'maybe' is neither true nor false"))
    #expect(found.contains { $0.hasPrefix("incidents.csv:3: field 'sharing': 'GREN' is not one of") })
    #expect(found.count == 3, "\(found.joined(separator: "\n"))")
    // Without the bad row the table reads, lists split on ';'.
    let good = incidents.split(separator: "\n").prefix(2).joined(separator: "\n")
    try write([("incidents.csv", good), ("d.json", document)], to: directory)
    let d = try DatasetReader.read(path: directory.appendingPathComponent("d.json").path)
    #expect(d.incidents.count == 1)
    #expect(d.incidents[0].identifiers.attack == ["T0800", "T0831"] && d.incidents[0].exceededVerificationLevel)
    #expect(d.incidents[0].sharing == .green && d.incidents[0].durationHours == nil)
  }

  @Test func scenariosAreValidated() throws {
    let text = """
      {"name": "s", "description": "scenarios",
       "sectors": [{"id": "power", "name": "Power"}, {"id": "telecom", "name": "Telecom"}],
       "dependencies": [{"supplier": "power", "dependent": "telecom", "kind": "power", "class": "physical", "source": "x"}],
       "scenarios": [
         {"id": "outage", "name": "Outage", "description": "d", "source": "assumption: test",
          "events": [
            {"node": "power", "startHours": 0, "durationHours": 72},
            {"node": "powr"},
            {"supplier": "telecom", "dependent": "power"},
            {"node": "power", "supplier": "power", "dependent": "telecom"},
            {"startHours": 1},
            {"node": "telecom", "durationHours": 0, "probability": 1.5},
            {"node": "power"}
          ]},
         {"id": "outage", "name": "Empty", "description": "d", "source": "s", "events": []}
       ]}
      """
    do {
      _ = try DatasetReader.parse(text, file: "s.json")
      Issue.record("expected a DataError")
    } catch {
      let found = error.issues.map(\.description)
      #expect(found.contains("s.json:8: field 'scenarios[0].events[1].node': unknown sector or asset 'powr' (did you mean 'power'?)"))
      #expect(found.contains("s.json:9: field 'scenarios[0].events[2]': the dataset has no dependency telecom → power (the dependency runs power → telecom)"))
      #expect(found.contains("s.json:10: field 'scenarios[0].events[3]': give either 'node', or both 'supplier' and 'dependent'"))
      #expect(found.contains { $0.hasPrefix("s.json:11: field 'scenarios[0].events[4].node': required field is missing") })
      #expect(found.contains { $0.hasPrefix("s.json:12: field 'scenarios[0].events[5].durationHours': must be positive") })
      #expect(found.contains("s.json:12: field 'scenarios[0].events[5].probability': 1.5 is above the maximum 1"))
      #expect(found.contains { $0.hasPrefix("s.json:13: field 'scenarios[0].events[6]': 'power' already has an event in this scenario") })
      #expect(found.contains { $0.hasPrefix("s.json:15: field 'scenarios[1].id': duplicate id 'outage'") })
      #expect(found.contains("s.json:15: field 'scenarios[1].events': a scenario needs at least one event"))
      #expect(found.count == 9, "\(found)")
    }
  }
}

@Suite struct DelayDistributionFormatTests {
  @Test func delayDistributionsAreReadAndChecked() throws {
    func document(_ distribution: String) -> String {
      """
      {"name": "d", "description": "delays",
       "sectors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
       "dependencies": [{"supplier": "a", "dependent": "b", "kind": "power", "class": "physical", "source": "x",
                         "delayDistribution": \(distribution)}]}
      """
    }
    let d = try DatasetReader.parse(document(#"{"kind": "triangular", "low": 1, "mode": 3, "high": 24}"#), file: "d.json")
    #expect(d.dependencies[0].delayDistribution == .triangular(low: 1, mode: 3, high: 24))
    #expect(d.dependencyNetwork.dependencies[0].delayDistribution == .triangular(low: 1, mode: 3, high: 24))
    func issues(_ text: String) -> [String] {
      do {
        _ = try DatasetReader.parse(document(text), file: "d.json")
        return []
      } catch { return error.issues.map(\.description) }
    }
    #expect(issues(#"{"kind": "triangulr", "low": 1, "mode": 3, "high": 2}"#).first?.contains("did you mean 'triangular'?") == true)
    #expect(issues(#"{"kind": "triangular", "low": 5, "mode": 3, "high": 24}"#).first?.contains("0 ≤ low ≤ mode ≤ high") == true)
    #expect(issues(#"{"kind": "lognormal", "median": 3}"#).first?.contains("'dependencies[0].delayDistribution.sigma': required field is missing") == true)
  }
}

@Suite struct DelimitedTableTests {
  @Test func quotedFieldsMaySpanLinesAndRowsKeepTheirFirstLine() {
    var issues: [DataIssue] = []
    let text = "\u{FEFF}a,b\r\n# comment\r\n\"x\r\ny\",2\r\n\r\n  \"q\"\"uote\" , 3\n\"open,4\nz,5\n"
    let table = DelimitedTable.parse(text, file: "t.csv", delimiter: ",", issues: &issues)
    #expect(table?.header == ["a", "b"])
    #expect(table?.rows.map(\.line) == [3, 6])
    #expect(table?.rows.first?.fields == ["x\r\ny", "2"])
    #expect(table?.rows.last?.fields == ["q\"uote", "3"])
    #expect(issues.map(\.description) == ["t.csv:7: unterminated quote in field 1: the quote opened on line 7 is never closed"])
  }

  @Test func textAfterAClosingQuoteIsAnErrorAndTheNextRowsStillRead() {
    var issues: [DataIssue] = []
    let table = DelimitedTable.parse("a,b\n\"x\"y,1\nc,2\n", file: "t.csv", delimiter: ",", issues: &issues)
    #expect(table?.rows.map(\.fields) == [["c", "2"]])
    #expect(issues.map(\.description) == ["t.csv:2: unexpected text after a closing quote in field 1"])
  }
}
