import Foundation
import Testing
import _RensaTestSupport
import RensaData

@Suite struct CSAFImporterTests {
  @Test func sectorNotesAreNormalisedAndMapped() {
    let m = CISASectorMapping.standard
    let a = m.parse("Energy, Water and Wastewater Systems, Critical Manufacturing")
    #expect(a.sectors == ["Energy", "Water and Wastewater Systems", "Critical Manufacturing"] && !a.multiple)
    let b = m.parse("Chemical, Nuclear Reactors, Materials, and Waste; Transportation Systems.")
    #expect(b.sectors == ["Chemical", "Nuclear Reactors, Materials, and Waste", "Transportation Systems"])
    #expect(b.unrecognised.isEmpty)
    #expect(m.parse("Multiple Sectors").multiple && m.parse("Multiple").multiple)
    #expect(m.parse("Energy Sector, and Healthcare").sectors == ["Energy", "Healthcare and Public Health"])
    #expect(m.parse("Space").unrecognised == ["Space"])
    #expect(m.table["Energy"] == ["electric-power", "gas"])
    #expect(m.table["Transportation Systems"] == ["aviation", "railway", "logistics"])
    #expect(m.table["Critical Manufacturing"] == [])
  }

  /// Figures computed independently with Python over the unpacked archive.
  @Test(.enabled(
    if: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz") != nil, "skipped: shared ICS advisories absent"))
  func importsTheSharedArchive() throws {
    let (advisories, report) = try CSAFImporter.read(path: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz")!.path)
    #expect(advisories.count == 2383)  // 2,385 files less the two feed indexes
    #expect(report.skipped.filter { $0.reason.contains("not a CSAF advisory") }.count == 2)
    #expect(report.skipped.contains { $0.reason.hasPrefix("174 advisories have no") })
    #expect(Set(advisories.flatMap(\.cves)).count == 6986)
    let siemens = try #require(advisories.first { $0.id == "ICSA-19-038-02" })
    #expect(siemens.sectors == ["electric-power", "gas"] && siemens.cisaSectors == ["Energy"])
    #expect(siemens.vendors == ["Siemens"] && siemens.cves.contains("CVE-2018-11451") && siemens.cwes.contains("CWE-20"))
    #expect(siemens.maxCVSS == 7.5 && siemens.category == "OT")
    // The "Multiple Sectors" artefact: a handful a year until 2020, 80 or more from 2021.
    let multiple = Dictionary(grouping: advisories.filter(\.multipleSectors), by: \.released.year).mapValues(\.count)
    #expect([2017, 2018, 2019, 2020].allSatisfy { (multiple[$0] ?? 0) <= 17 })
    #expect([2021, 2022, 2023, 2024].allSatisfy { (multiple[$0] ?? 0) >= 80 })
    // What stays unrecognised is reported, one line per text, and is a small tail.
    let unrecognised = report.skipped.filter { $0.reason.hasPrefix("sector text") }
    #expect(!unrecognised.isEmpty && unrecognised.count < 20)
    #expect(unrecognised.contains { $0.reason.contains("'Chemical and Energy'") })
    // As threats: sectors, products under their vendor, release day and CVSS carried over.
    let threat = siemens.asThreat(unmarked: .red)
    // CISA's advisories are TLP:WHITE (TLP 1.0), which is TLP:CLEAR; the label wins over the default.
    #expect(siemens.marking == .clear && threat.sharing == .clear)
    #expect(advisories.allSatisfy { $0.marking == .clear })
    #expect(threat.sectors == ["electric-power", "gas"] && threat.published == CalendarDay("2019-02-07") && threat.cvss == 7.5)
    #expect(threat.identifiers.products.allSatisfy { $0.hasPrefix("Siemens/") } && threat.identifiers.cve == siemens.cves)
    // An edited mapping table changes the sectors: Critical Manufacturing → logistics.
    var csv = CISASectorMapping.standard.csv
    csv = csv.replacingOccurrences(of: "\nCritical Manufacturing,,", with: "\nCritical Manufacturing,logistics,")
    let plan = Set(BuiltinDatasets.nisc2009(syntheticIncidents: nil).sectors.map(\.id))
    let edited = try CISASectorMapping.parse(csv: csv, file: "m.csv", planSectors: plan)
    let (again, _) = try CSAFImporter.read(
      path: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz")!.path, mapping: edited)
    let manufacturing = advisories.filter { $0.cisaSectors.contains("Critical Manufacturing") }.count
    #expect(manufacturing > 100)
    #expect(again.filter { $0.sectors.contains("logistics") }.count >= manufacturing)
    #expect(again.filter { $0.sectors.contains("logistics") }.count > advisories.filter { $0.sectors.contains("logistics") }.count)
  }

  @Test func mappingTableRoundTripsAndReportsEveryProblem() throws {
    let plan = Set(BuiltinDatasets.nisc2009(syntheticIncidents: nil).sectors.map(\.id))
    let standard = CISASectorMapping.standard
    #expect(try CISASectorMapping.parse(csv: standard.csv, file: "m.csv", planSectors: plan) == standard)
    let bad = """
      cisa_sector,plan_sectors,aliases
      Energy,electric-powr;gas,power
      Energy,gas,
      Water,water,power
      """
    do {
      _ = try CISASectorMapping.parse(csv: bad, file: "m.csv", planSectors: plan)
      Issue.record("expected a DataError")
    } catch {
      let found = error.issues.map(\.description)
      #expect(found.contains("m.csv:2: field 'plan_sectors': unknown plan sector 'electric-powr' (did you mean 'electric-power'?)"))
      #expect(found.contains("m.csv:3: field 'cisa_sector': 'Energy' is listed again (first on line 2)"))
      #expect(found.contains("m.csv:4: field 'aliases': 'power' already stands for 'Energy' (line 2)"))
      #expect(found.count == 3)
    }
  }
}
