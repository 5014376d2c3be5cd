import Foundation
import Testing
import _RensaTestSupport
import RensaData

@Suite struct STIXImporterTests {
  static let ics = "mitre-attack-ics/ics-attack-18.1.json"
  static let enterprise = "mitre-attack-enterprise/enterprise-attack-18.1.reassembled.json.xz"

  /// Counts computed independently with Python's json module (revoked and deprecated
  /// objects excluded), matching MANIFEST.md for ICS v18.1.
  @Test(.enabled(if: TestPaths.sharedDataset(ics) != nil, "skipped: shared ATT&CK ICS data absent"))
  func icsCountsMatch() throws {
    let (kb, report) = try STIXImporter.read(path: TestPaths.sharedDataset(Self.ics)!.path)
    #expect(kb.objects(.technique).count == 83)
    #expect(kb.objects(.group).count == 14)
    #expect(kb.objects(.software).count == 23)
    #expect(kb.objects(.campaign).count == 7)
    #expect(kb.objects(.asset).count == 18)
    #expect(kb.objects(.mitigation).count == 52)
    #expect(kb.relationships("targets", from: .technique, to: .asset).count == 685)
    #expect(kb.objects.contains { $0.id == "T0803" && $0.name == "Block Command Message" && $0.tactics == ["inhibit-response-function"] })
    #expect(report.skipped.contains { $0.reason.contains("deprecated") })
    #expect(report.skipped.contains { $0.reason.contains("'detects (links object kinds not kept)'") })
    #expect(report.imported["technique"] == 83)
  }

  /// The threat catalogue view; figures counted independently with Python over the
  /// bundle (non-revoked, non-deprecated `uses` relationships to techniques).
  @Test(.enabled(if: TestPaths.sharedDataset(ics) != nil, "skipped: shared ATT&CK ICS data absent"))
  func icsAsAThreatCatalogue() throws {
    let (kb, _) = try STIXImporter.read(path: TestPaths.sharedDataset(Self.ics)!.path)
    let threats = kb.threats(unmarked: .clear)
    #expect(threats.count == 83 + 14 + 23 + 7)
    // ATT&CK marks its objects with a copyright statement only, which is not TLP.
    #expect(kb.objects.allSatisfy { $0.marking == nil } && threats.allSatisfy { $0.sharing == .clear })
    let kinds = Dictionary(kb.objects.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    func uses(_ kind: AttackObject.Kind) -> Int {
      threats.filter { kinds[$0.id] == kind }.reduce(0) { $0 + $1.identifiers.attack.count }
    }
    #expect(uses(.group) == 20 && uses(.software) == 163 && uses(.campaign) == 63)
    #expect(threats.first { $0.id == "T0803" }?.identifiers.attack == ["T0803"])
    #expect(threats.allSatisfy { $0.type == .intentional && $0.scope == .operatorLevel })
    let dataset = Dataset(name: "ics", description: "d", threats: threats)
    #expect(try DatasetReader.parse(DatasetWriter.json(dataset), file: "ics.json") == dataset)
  }

  @Test(.enabled(if: TestPaths.sharedDataset(ics) != nil, "skipped: shared ATT&CK ICS data absent"))
  func everyICSVersionImports() throws {
    for version in ["8.0", "10.0", "12.0", "14.0", "16.0", "18.1"] {
      let (kb, _) = try STIXImporter.read(path: TestPaths.sharedDataset("mitre-attack-ics/ics-attack-\(version).json")!.path)
      #expect(kb.objects(.technique).count > 70, "ICS \(version)")
      #expect(!kb.relationships("uses", from: .group, to: .technique).isEmpty || version == "8.0", "ICS \(version)")
    }
  }

  @Test(.enabled(if: TestPaths.sharedDataset(enterprise) != nil, "skipped: shared ATT&CK Enterprise data absent"))
  func enterpriseFromXZ() throws {
    let (kb, _) = try STIXImporter.read(path: TestPaths.sharedDataset(Self.enterprise)!.path)
    #expect(kb.objects(.technique).count == 691)
    #expect(kb.objects(.group).count == 172)
    #expect(kb.objects(.software).count == 784)
    #expect(kb.relationships("uses", from: .group, to: .technique).count == 4362)
  }

  @Test(.enabled(if: TestPaths.sharedDataset(ics) != nil, "skipped: shared ATT&CK ICS data absent"))
  func malformedIDInVersion8IsReportedNotGuessed() throws {
    let (kb, report) = try STIXImporter.read(path: TestPaths.sharedDataset("mitre-attack-ics/ics-attack-8.0.json")!.path)
    #expect(report.skipped.contains { $0.reason.contains("malformed ATT&CK id '0T800'") })
    #expect(!kb.objects.contains { $0.id == "0T800" })
    #expect(kb.objects(.technique).count == 80)
  }

  @Test func rejectsWhatIsNotABundle() {
    #expect(throws: DataError.self) { try STIXImporter.parse(#"{"type": "x", "objects": []}"#, file: "x.json") }
    let missingID = #"{"type": "bundle", "id": "b", "objects": [{"type": "attack-pattern", "id": "attack-pattern--1", "name": "N", "external_references": []}]}"#
    do {
      _ = try STIXImporter.parse(missingID, file: "m.json")
      Issue.record("expected a DataError")
    } catch {
      #expect(error.issues.first?.reason.contains("no mitre-attack external id") == true)
    }
  }
}
