import Foundation
import Testing
import _RensaTestSupport
import RensaData

@Suite struct KEVImporterTests {
  @Test(.enabled(if: TestPaths.sharedDataset("cisa-kev/known_exploited_vulnerabilities.json") != nil, "skipped: shared KEV data absent"))
  func jsonAndCSVFormsGiveTheSameCatalogue() throws {
    let (json, version) = try KEVImporter.read(path: TestPaths.sharedDataset("cisa-kev/known_exploited_vulnerabilities.json")!.path)
    let (csv, _) = try KEVImporter.read(path: TestPaths.sharedDataset("cisa-kev/known_exploited_vulnerabilities.csv")!.path)
    #expect(json.count == 1404)  // MANIFEST.md
    #expect(version == "2025.08.25")
    #expect(json.filter(\.knownRansomwareUse).count == 293)
    #expect(csv == json)
    let first = try #require(json.first)
    #expect(first.cve == "CVE-2025-48384" && first.vendor == "Git" && first.dateAdded == CalendarDay("2025-08-25"))
    let threat = first.asThreat()
    #expect(threat.type == .intentional && threat.identifiers.cve == ["CVE-2025-48384"])
    #expect(threat.sharing == .clear && first.asThreat(marking: .amber).sharing == .amber)
    #expect(threat.identifiers.products == ["Git/Git"] && threat.published == first.dateAdded)
  }

  @Test func reportsEveryBadEntry() {
    let text = """
      cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes
      CVE-2024-0001,V,P,N,2024-01-02,d,a,2024-01-23,Known,,CWE-79
      CVE-24-1,V,P,N,2024-13-02,d,a,,Maybe,,XSS
      CVE-2024-0001,V,P,N,2024-01-02,d,a,2024-02-30,Unknown,,
      """
    do {
      _ = try KEVImporter.parseCSV(text, file: "kev.csv")
      Issue.record("expected a DataError")
    } catch {
      let found = Set(error.issues.map { "\($0.line ?? 0):\($0.field ?? "")" })
      #expect(found == ["3:cveID", "3:dateAdded", "3:knownRansomwareCampaignUse", "3:cwes", "4:cveID", "4:dueDate"])
      #expect(error.issues.contains { $0.line == 4 && $0.reason.contains("duplicate entry") && $0.hint == "first on line 2" })
    }
  }
}
