import Foundation
import Testing
import RensaData
import _RensaTestSupport

@Suite struct DatasetReaderTests {
  @Test func builtInDatasetMatchesItsFileAndIsComplete() throws {
    let file = TestPaths.repository.appendingPathComponent("Datasets/nisc-2009/dataset.json")
    #expect(BuiltinDatasets.nisc2009JSON == (try String(contentsOf: file, encoding: .utf8)), "run .ci/embed-datasets")
    let d = BuiltinDatasets.nisc2009()
    #expect(d.sectors.count == 10)
    #expect(d.sectors.allSatisfy { $0.nameJa != nil })
    #expect(d.threats.count == 8)  // Annex 3: 4 types × 2 scopes
    #expect(Set(d.threats.map { "\($0.type)-\($0.scope)" }).count == 8)
    #expect(d.services.count == 13)
    let telecom = try #require(d.services.first { $0.id == "telecom-service" })
    #expect(telecom.verificationLevel.isExceeded(amount: 30_000, hours: 2))
    #expect(!telecom.verificationLevel.isExceeded(amount: 29_999, hours: 5))
    let power = try #require(d.services.first { $0.id == "power-supply" })
    #expect(power.verificationLevel.threshold == 100_000 && power.verificationLevel.unit == "kW")
    #expect(d.dependencies.allSatisfy { !$0.source.isEmpty })
    // Power supplies every other sector (Annex 3 type 4).
    let sectorIDs = Set(d.sectors.map(\.id))
    let powered = Set(d.dependencies.filter { $0.supplier == "electric-power" && sectorIDs.contains($0.dependent) }.map(\.dependent))
    #expect(powered == sectorIDs.subtracting(["electric-power"]))
    // The asset level: critical systems linked to sectors and to one another, with
    // grid-or-fuel alternatives (OR groups) for generator-backed systems.
    let assetLevel = d.dependencies.filter { !sectorIDs.contains($0.supplier) || !sectorIDs.contains($0.dependent) }
    #expect(assetLevel.count == 24)
    let grouped = Dictionary(grouping: assetLevel.filter { $0.group != nil }, by: \.dependent)
    #expect(Set(grouped.keys) == ["telecom-network-systems", "medical-records", "local-government-systems"])
    #expect(grouped.values.allSatisfy { Set($0.map(\.supplier)) == ["electric-power", "logistics"] && $0.allSatisfy { $0.need == 1 } })
    // Scenarios with the restoration times of past great earthquakes.
    #expect(d.scenarios.map(\.id) == ["power-outage-72h", "tokyo-earthquake", "telecom-outage-24h"])
    let quake = try #require(d.scenarios.first { $0.id == "tokyo-earthquake" })
    let restored = Dictionary(uniqueKeysWithValues: quake.events.map { ($0.targetDescription, $0.durationHours! / 24) })
    #expect(restored == ["electric-power": 6, "information-communications": 14, "gas": 55, "water": 30, "logistics": 7])
    #expect(quake.events.first { $0.targetDescription == "logistics" }?.probability == 0.5)
    #expect(d.scenarios.allSatisfy { $0.isAssumption })
  }

  @Test func collectsEveryProblemWithLineFieldAndHint() throws {
    let text = """
      {
        "name": "bad",
        "description": "a dataset with many problems",
        "sectors": [
          {"id": "power", "name": "Power"},
          {"id": "water", "name": "Water", "colour": "blue"},
          {"id": "power", "name": "Again"}
        ],
        "assets": [
          {"id": "pump", "name": "Pump", "sector": "watr", "users": -5}
        ],
        "dependencies": [
          {"supplier": "power", "dependent": "pump", "kind": "powr", "class": "physical", "probabilty": 0.5, "source": "x"},
          {"supplier": "power", "dependent": "water", "kind": "power", "class": "physical", "probability": 1.5, "source": "x"},
          {"supplier": "water", "dependent": "water", "kind": "water", "class": "physical", "source": "x"},
          {"supplier": "power", "dependent": "pump", "kind": "power", "class": "cyber", "group": "g", "need": 2, "source": "x"}
        ],
        "incidents": [
          {"id": "i1", "occurred": "2026-02-30", "sector": "water", "threatType": "spillover",
           "exceededVerificationLevel": true, "sharing": "GREEN", "reporter": "r", "synthetic": true},
          {"id": "i2", "occurred": "2026-03-01", "sector": "water", "threatType": "disaster", "originSector": "power",
           "exceededVerificationLevel": "yes", "sharing": "AMBER-STRICT", "reporter": "r", "synthetic": false}
        ],
        "topics": [{"id": "p", "year": 2026.5, "title": "t", "priority": 9, "status": "done"}]
      }
      """
    do {
      _ = try DatasetReader.parse(text, file: "bad.json")
      Issue.record("expected a DataError")
    } catch {
      func has(_ line: Int, _ field: String, _ fragment: String, hint: String? = nil) -> Bool {
        error.issues.contains {
          $0.file == "bad.json" && $0.line == line && $0.field == field && $0.reason.contains(fragment)
            && (hint == nil || $0.hint == hint)
        }
      }
      #expect(has(6, "sectors[1].colour", "unknown field"))
      #expect(has(7, "sectors[2].id", "duplicate id 'power'"))
      #expect(has(10, "assets[0].sector", "unknown sector 'watr'", hint: "did you mean 'water'?"))
      #expect(has(10, "assets[0].users", "below the minimum 0"))
      #expect(has(13, "dependencies[0].kind", "'powr' is not one of", hint: "did you mean 'power'?"))
      #expect(has(13, "dependencies[0].probabilty", "unknown field", hint: "did you mean 'probability'?"))
      #expect(has(14, "dependencies[1].probability", "above the maximum 1"))
      #expect(has(15, "dependencies[2]", "'water' depends on itself"))
      #expect(has(16, "dependencies[3].need", "needs 2 suppliers but lists only 1"))
      #expect(has(19, "incidents[0].occurred", "'2026-02-30' is not a date"))
      #expect(has(19, "incidents[0].originSector", "needs its originating sector"))
      #expect(has(21, "incidents[1].originSector", "only spill-over incidents"))
      #expect(has(22, "incidents[1].exceededVerificationLevel", "expected true or false, found a string"))
      #expect(has(22, "incidents[1].sharing", "'AMBER-STRICT' is not one of", hint: "did you mean 'AMBER+STRICT'?"))
      #expect(has(24, "topics[0].year", "expected a whole number"))
      #expect(has(24, "topics[0].priority", "above the maximum 5"))
      #expect(has(24, "topics[0].status", "'done' is not one of"))
      #expect(error.issues.count == 17, "\(error.issues.map(\.description).joined(separator: "\n"))")
    }
  }

  @Test func jsonSyntaxErrorsNameTheLine() {
    func firstIssue(_ text: String) -> DataIssue? {
      do {
        _ = try DatasetReader.parse(text, file: "s.json")
        return nil
      } catch { return error.issues.first }
    }
    #expect(firstIssue("{\n  \"name\": \"x\",\n}")?.line == 3)
    #expect(firstIssue("{\"a\": [1, 2,\n\n 03]}")?.reason.contains("leading zeros") == true)
    #expect(firstIssue("{\"a\": \"unterminated\n\"}")?.reason.contains("unterminated string") == true)
    #expect(firstIssue("[1] x")?.reason.contains("after the JSON value") == true)
    #expect(firstIssue("")?.reason.contains("end of input") == true)
    #expect(firstIssue("[]")?.reason.contains("expected an object") == true)
    // Hostile nesting is refused, not a stack overflow.
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(firstIssue(deep)?.reason.contains("nested deeper than 256") == true)
  }

  @Test func jsonParserDecodesEscapesAndNumbers() throws {
    let node = try JSONNode.parse(#"{"s": "a\"b\\c\u00e9\ud83d\ude00\n", "n": -1.5e3, "i": 0, "b": [true, false, null]}"#, file: "x")
    guard case .object(let members) = node.value else {
      Issue.record("not an object")
      return
    }
    guard case .string(let s) = members[0].value.value else { return }
    #expect(s == "a\"b\\cé😀\n")
    guard case .number(let n, let text) = members[1].value.value else { return }
    #expect(n == -1500 && text == "-1.5e3")
  }

  @Test func writeThenReadGivesAnEqualDataset() throws {
    for seed in 0..<300 {
      let dataset = DatasetGenerators.random(seed: UInt64(seed))
      let text = DatasetWriter.json(dataset)
      let back = try DatasetReader.parse(text, file: "roundtrip-\(seed).json")
      #expect(back == dataset, "seed \(seed)")
      #expect(DatasetWriter.json(back) == text)  // deterministic output
    }
    let builtIn = BuiltinDatasets.nisc2009()
    #expect(try DatasetReader.parse(DatasetWriter.json(builtIn), file: "nisc") == builtIn)
  }

  @Test func sharingScopesOrderFromWidestToNarrowest() {
    #expect(SharingScope.clear.isVisible(to: .green))
    #expect(!SharingScope.amber.isVisible(to: .green))
    #expect(SharingScope.amberStrict.isVisible(to: .red))
    #expect(SharingScope.allCases.sorted() == [.clear, .green, .amber, .amberStrict, .red])
  }
}

@Suite struct CalendarDayTests {
  @Test func parsesOnlyRealDatesAndCounts() {
    #expect(CalendarDay("2024-02-29") != nil && CalendarDay("2023-02-29") == nil && CalendarDay("1900-02-29") == nil)
    #expect(CalendarDay("2000-02-29") != nil && CalendarDay("2026-13-01") == nil && CalendarDay("26-01-01") == nil)
    #expect(CalendarDay(year: 2024, ordinal: 60) == CalendarDay("2024-02-29"))
    #expect(CalendarDay(year: 2023, ordinal: 366) == CalendarDay("2024-01-01"))
    #expect(CalendarDay("2026-12-31")!.adding(days: 2) == CalendarDay("2027-01-02"))
    #expect(CalendarDay("2024-12-31")!.ordinal == 366)
    // Every ordinal of a leap and a common year round-trips.
    for year in [2023, 2024] {
      for o in 1...CalendarDay.daysInYear(year) { #expect(CalendarDay(year: year, ordinal: o).ordinal == o) }
    }
  }
}
