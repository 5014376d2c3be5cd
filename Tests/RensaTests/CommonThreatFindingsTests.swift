import Foundation
import Rensa
import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

/// The common-threat findings on small yearly matrices whose answers are worked out by
/// hand in the comments.
@Suite struct CommonThreatFindingsTests {
  /// A matrix from rows of (entity, [feature: weight]).
  func matrix(_ rows: [(String, [String: Double])]) -> IncidenceMatrix {
    var features: [String] = []
    for (_, cells) in rows { for f in cells.keys.sorted() where !features.contains(f) { features.append(f) } }
    var m = Matrix(rows: rows.count, columns: features.count)
    for (i, (_, cells)) in rows.enumerated() { for (f, w) in cells { m[i, features.firstIndex(of: f)!] = w } }
    return IncidenceMatrix(entities: rows.map(\.0), features: features, weights: m)
  }

  /// 2024: A and B share {x, y}, C and D share {z}; 2025: B has moved next to C and D
  /// (it now has z, not x), "w" is new, "y" reaches C for the first time, and D's total
  /// jumps from 2 to 40.
  var yearly: [Int: IncidenceMatrix] {
    [
      2023: matrix([("A", ["x": 1, "y": 1]), ("B", ["x": 1, "y": 1]), ("C", ["z": 1]), ("D", ["z": 2])]),
      2024: matrix([("A", ["x": 2, "y": 1]), ("B", ["x": 1, "y": 1]), ("C", ["z": 1]), ("D", ["z": 2])]),
      2025: matrix([
        ("A", ["x": 3, "y": 1]), ("B", ["y": 1, "z": 1]), ("C", ["y": 1, "z": 1, "w": 1]), ("D", ["z": 30, "w": 10]),
      ]),
    ]
  }

  @Test func reachCooccurrenceNewThreatsAndTrends() throws {
    var options = CommonThreatFindings.Options()
    options.clusters = 2
    let f = try CommonThreatFindings(yearly: yearly, year: 2025, options: options)
    #expect(f.years == [2023, 2024, 2025])
    #expect(f.entities == ["A", "B", "C", "D"])
    // Reach in 2025: y and z in 3 entities (z's total 32 ranks it first), w in 2, x in 1.
    #expect(f.byReach.map(\.feature) == ["z", "y", "w", "x"])
    #expect(f.byReach[0].entities == ["B", "C", "D"] && f.byReach[0].total == 32)
    // Pairs in ≥ 2 entities: {y, z} in B, C (lift (2/4)/((3/4)(3/4)) = 8/9);
    // {z, w} in C, D (lift (2/4)/((3/4)(2/4)) = 4/3, confidence 2/2 = 1).
    let pairs = Dictionary(uniqueKeysWithValues: f.cooccurring.map { (Set($0.features), $0) })
    #expect(pairs.count == 2)
    let yz = try #require(pairs[["y", "z"]])
    #expect(yz.entities == ["B", "C"] && abs(yz.lift - 8.0 / 9) < 1e-12 && abs(yz.confidence - 2.0 / 3) < 1e-12)
    let zw = try #require(pairs[["z", "w"]])
    #expect(zw.entities == ["C", "D"] && abs(zw.lift - 4.0 / 3) < 1e-12 && zw.confidence == 1)
    // New: w appears first in 2025; y reaches C and z reaches B for the first time.
    #expect(f.newFeatures.map(\.feature) == ["w"])
    #expect(Set(f.newReach.map { "\($0.feature)→\($0.entity)" }) == ["y→C", "z→B"])
    // Trends: z's totals 3, 3, 32; slope = 14.5 per year by least squares.
    let z = try #require(f.trends.first { $0.feature == "z" })
    #expect(z.totals == [3, 3, 32] && z.reach == [2, 2, 3] && z.firstYear == 2023)
    #expect(abs(z.slope - 14.5) < 1e-12)
    #expect(f.trends.first?.feature == "z")
  }

  @Test func clusterChangesAndStepChanges() throws {
    var options = CommonThreatFindings.Options()
    options.clusters = 2
    let f = try CommonThreatFindings(yearly: yearly, year: 2025, options: options)
    // 2024: {A, B} and {C, D} (Jaccard 0 within, 1 across). 2025: B = {y, z} is at 1/3
    // from C = {y, z, w} and 2/3 from A = {x, y}, so B joins C and D.
    #expect(f.previousClusters == [["A", "B"], ["C", "D"]])
    #expect(f.clusters == [["B", "C", "D"], ["A"]])
    // ARI of [0,0,1,1] against [0,1,1,1]: index C(2,2) = 1, expected 2·3/6 = 1, so 0.
    #expect(f.clusterAgreement == 0)
    // {A, B} splits 1–1 between {A} and {B, C, D}; the tie goes to the lower current
    // label, which is A's cluster (the cut numbers clusters by first member), so B is
    // the one that left. {C, D} is matched to {B, C, D}: C and D stay.
    #expect(f.moves.map(\.entity) == ["B"])
    #expect(f.moves[0].before == ["A"] && f.moves[0].after == ["C", "D"])
    // D's total: 2, 2, then 40 ≥ 3 × 2 and ≥ 10.
    #expect(f.stepChanges.map { "\($0.series) \($0.year) \($0.value) \($0.baseline)" } == ["D 2025 40.0 2.0"])
    #expect(f.notes.contains { $0.contains("D in 2025") })
  }

  @Test func missingYearsAreSaid() throws {
    #expect(throws: DataError.self) { try CommonThreatFindings(yearly: yearly, year: 2030) }
    var two = yearly
    two[2024] = nil
    let f = try CommonThreatFindings(yearly: two, year: 2025)
    #expect(f.previousClusters == nil && f.clusterAgreement == nil && f.moves.isEmpty)
    #expect(f.notes.contains { $0.contains("no data for 2024") })
    #expect(f.notes.contains { $0.contains("no step-change check") })
    // The first year of data has no "new" threats: everything would be new.
    let first = try CommonThreatFindings(yearly: yearly, year: 2023)
    #expect(first.newFeatures.isEmpty && first.newReach.isEmpty)
  }

  @Test func multipleSectorsJumpIsFoundInTheData() {
    // 4, 6, 5 "Multiple Sectors" advisories, then 40 and 50, 30 of each from Acme.
    var advisories: [SecurityAdvisory] = []
    for (year, count, acme) in [(2018, 4, 0), (2019, 6, 1), (2020, 5, 0), (2021, 40, 30), (2022, 50, 30)] {
      for k in 0..<count {
        advisories.append(SecurityAdvisory(
          id: "ICSA-\(year)-\(k)", title: "t", released: CalendarDay("\(year)-03-01")!, multipleSectors: true,
          vendors: [k < acme ? "Acme" : "Vendor \(k)"]))
      }
      advisories.append(SecurityAdvisory(id: "ICSA-\(year)-x", title: "t", released: CalendarDay("\(year)-05-01")!, cisaSectors: ["Energy"]))
    }
    let caveat = MultipleSectorsCaveat(advisories)
    #expect(caveat.years.map(\.multipleSectors) == [4, 6, 5, 40, 50])
    #expect(caveat.years.map(\.advisories) == [5, 7, 6, 41, 51])
    #expect(caveat.jumpYear(through: 2022) == 2021)
    #expect(caveat.jumpYear(through: 2020) == nil)
    let note = caveat.note(excluded: false, through: 2022)!
    #expect(note.contains("4–6/year before 2021 to 40–50/year from 2021"))
    #expect(note.contains("67 % of them come from one vendor (Acme)"))
    #expect(caveat.note(excluded: true, through: 2022)!.contains("left out"))
  }

  @Test(
    .enabled(
      if: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz") != nil, "skipped: shared ICS advisories absent"))
  func realAdvisoriesShowTheManifestCaveat() throws {
    let (advisories, _) = try CSAFImporter.read(path: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz")!.path)
    let caveat = MultipleSectorsCaveat(advisories)
    // MANIFEST.md: "From 2021 'Multiple Sectors' jumps from 4–17/year to 81–155/year, mostly one vendor".
    #expect(caveat.jumpYear(through: 2024) == 2021)
    let findings = try CommonThreatFindings.advisories(
      advisories, rows: .cisaSectors, features: .cwe, year: 2024, excludingMultipleSectors: false)
    #expect(findings.notes.first?.hasPrefix("artefact: advisories labelled \"Multiple Sectors\" jump") == true)
    #expect(findings.byReach.count > 50 && findings.cooccurring.count > 10)
  }
}
