import Foundation
import Rensa
@testable import RensaReport
import Testing
import _RensaTestSupport

/// The plan's categories of incidents (issue 21, section 2): several causes, the affected
/// properties, near misses and severity, read, validated and counted.
@Suite struct IncidentCategoryTests {
  static func incident(_ id: String, _ day: String, sector: String = "finance", type: ThreatType, other: [ThreatType] = [],
                       exceeded: Bool = true, reporter: String, nearMiss: Bool? = nil) -> Incident {
    Incident(
      id: id, occurred: CalendarDay(day)!, sector: sector, threatType: type, exceededVerificationLevel: exceeded,
      sharing: .green, reporter: reporter, synthetic: false, otherCauses: other, nearMiss: nearMiss)
  }

  @Test func theNewFieldsAreReadValidatedAndWritten() throws {
    var dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    var good = Self.incident("A-1", "2026-04-01", type: .disaster, other: [.unintentional], reporter: "r1")
    good.affectedProperties = [.availability, .integrity]
    good.severity = 3
    dataset.incidents = [good]
    let again = try DatasetReader.parse(DatasetWriter.json(dataset), file: "d.json")
    #expect(again.incidents == [good])
    #expect(good.causes == [.disaster, .unintentional] && good.quarter == 2)
    // Every problem of a file, with its line.
    var twice = Self.incident("A-2", "2026-04-02", type: .disaster, other: [.disaster, .intentional, .intentional], reporter: "r1")
    twice.affectedProperties = [.availability, .availability]
    let missed = Self.incident("A-3", "2026-04-03", type: .intentional, exceeded: true, reporter: "r1", nearMiss: true)
    let spill = Self.incident("A-4", "2026-04-04", type: .intentional, other: [.spillover], reporter: "r1")
    dataset.incidents = [twice, missed, spill]
    var text = DatasetWriter.json(dataset)
    text = text.replacingOccurrences(of: "\"reporter\": \"r1\",", with: "\"reporter\": \"r1\", \"severity\": 7,", options: [], range: text.range(of: "\"id\": \"A-4\"").map { $0.lowerBound..<text.endIndex })
    let error = try #require(throws: DataError.self) { try DatasetReader.parse(text, file: "d.json") }
    let reasons = error.issues.map(\.reason)
    #expect(reasons.contains("'disaster' is already the incident's threatType"))
    #expect(reasons.contains("'intentional' is listed twice"))
    #expect(reasons.contains("'availability' is listed twice"))
    #expect(reasons.contains("a near miss did not fail, so it cannot exceed the verification level"))
    #expect(reasons.contains("a spill-over incident needs its originating sector"))
    #expect(reasons.contains { $0.contains("7") && $0.contains("4") }, "severity 7: \(reasons)")
    #expect(error.issues.allSatisfy { $0.line != nil })
    // A document written before these fields reads as before.
    let old = #"{"name": "x", "description": "x", "sectors": [{"id": "s", "name": "S"}], "incidents": [{"id": "i", "occurred": "2026-01-01", "sector": "s", "threatType": "intentional", "exceededVerificationLevel": true, "sharing": "GREEN", "reporter": "r", "synthetic": false}]}"#
    let read = try DatasetReader.parse(old, file: "old.json")
    #expect(read.incidents[0].otherCauses.isEmpty && read.incidents[0].nearMiss == nil && read.incidents[0].severity == nil)
    // …and a store record of an older Rensa decodes.
    let record = #"{"exceededVerificationLevel":true,"id":"i","identifiers":{"attack":[],"capec":[],"cve":[],"cwe":[],"products":[]},"occurred":"2026-01-01","reporter":"r","sector":"s","sharing":"GREEN","synthetic":false,"threatType":"intentional"}"#
    let decoded = try JSONDecoder().decode(Incident.self, from: Data(record.utf8))
    #expect(decoded.otherCauses.isEmpty && decoded.affectedProperties.isEmpty)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == record, "an old record is written back unchanged")
  }

  /// Several causes count under each, near misses apart; the audit still protects every
  /// withheld count (the linear programme works on the records' sets, overlapping or not).
  @Test func severalCausesAndNearMissesAreCountedAndProtected() throws {
    var dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    var incidents: [Incident] = []
    for k in 0..<5 {
      incidents.append(Self.incident("M-\(k)", "2026-0\(k + 1)-10", type: .disaster, other: [.unintentional], reporter: "r\(k)"))
    }
    for k in 0..<3 { incidents.append(Self.incident("S-\(k)", "2026-06-1\(k)", type: .intentional, reporter: "q\(k)")) }
    for k in 0..<4 { incidents.append(Self.incident("N-\(k)", "2026-07-1\(k)", type: .intentional, exceeded: false, reporter: "r\(k)", nearMiss: true)) }
    dataset.incidents = incidents
    var o = ReportOptions()
    o.trials = 100
    o.year = 2026
    let report = try AnnualReport.build(dataset: dataset, options: o)
    #expect(report.disclosure?.isProtected == true)
    let blocks = report.sections[1].blocks
    let byType = try #require(blocks.compactMap { b -> ReportTable? in if case .table(let t) = b, t.id == "indicators-by-type" { return t } else { return nil } }.first)
    func cell(_ label: String) -> ReportValue? { byType.rows.first { $0[0] == .text(label) }?.last }
    #expect(cell("disasters") == .count(5) && cell("unintentional causes") == .count(5), "\(byType.rows)")
    #expect(cell("intentional causes") == .count(3) && cell("total") == .count(8), "the types add up to 13, more than the 8 incidents")
    #expect(blocks.contains(.note(EnglishCatalogue(fiscalYear: false).severalCausesNote)))
    let misses = try #require(blocks.compactMap { b -> ReportTable? in if case .table(let t) = b, t.id == "near-misses" { return t } else { return nil } }.first)
    #expect(misses.rows[0].last == .count(4), "near misses apart: not in the total of 8")
    // With one intentional incident its count is withheld, and so are the counts that would
    // give it away through the overlap (total − disasters = the incidents without a disaster).
    dataset.incidents = incidents.filter { !$0.id.hasPrefix("S-") || $0.id == "S-0" }
    let small = try AnnualReport.build(dataset: dataset, options: o)
    #expect(small.disclosure?.isProtected == true)
    let table = try #require(small.sections[1].blocks.compactMap { b -> ReportTable? in if case .table(let t) = b, t.id == "indicators-by-type" { return t } else { return nil } }.first)
    let values = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0.last!) })
    #expect(values[.text("intentional causes")] == .withheld)
    if case .count(let total) = values[.text("total")]!, case .count(let disasters) = values[.text("disasters")]! {
      Issue.record("total \(total) and disasters \(disasters) both published: their difference is the one intentional incident")
    }
  }
}
