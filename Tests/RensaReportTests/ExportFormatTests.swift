import Foundation
import Rensa
@testable import RensaReport
import Testing
import _RensaTestSupport

/// The report's findings in the formats analysts' tools read (issue 22, §4): ATT&CK
/// Navigator layers (format 4.5, checked with mitreattack-python's layer classes) and a
/// STIX 2.1 bundle with TLP 2.0 markings (checked with the stix2 package, and read back
/// by `rensa import stix`); both carry only what the report publishes.
@Suite struct ExportFormatTests {
  func build(year: Int = 2026, audience: SharingScope = .amber) throws -> ReportDocument {
    var o = ReportOptions()
    o.trials = 20
    o.year = year
    o.audience = audience
    return try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: o)
  }

  func rows(_ r: ReportDocument, _ id: String) -> [[ReportValue]] {
    r.sections.flatMap(\.blocks).compactMap { b -> ReportTable? in
      if case .table(let t) = b, t.id == id { return t }
      return nil
    }.first?.rows ?? []
  }

  /// Technique → (sectors named, incidents) as the technique table prints it.
  func techniques(_ r: ReportDocument) -> [String: (sectors: Int, incidents: Int)] {
    var out: [String: (sectors: Int, incidents: Int)] = [:]
    for row in rows(r, "techniques-across-sectors") {
      if case .text(let id) = row[0], case .count(let s) = row[2], case .count(let n) = row[3] { out[id] = (s, n) }
    }
    return out
  }

  @Test func sha1AndNameBasedUUIDsMatchTheStandards() {
    #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(SHA1.digest([]).map { String(format: "%02x", $0) }.joined() == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    let million = [UInt8](repeating: 0x61, count: 1_000_000)
    #expect(SHA1.digest(million).map { String(format: "%02x", $0) }.joined() == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    // RFC 9562's example: the DNS namespace and "www.example.com".
    let dns: [UInt8] = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]
    #expect(SHA1.uuid5(namespace: dns, name: "www.example.com") == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
  }

  @Test func navigatorLayersScoreThePublishedTechniques() throws {
    let report = try build()
    let published = techniques(report)
    #expect(!published.isEmpty)
    let layers = report.navigatorLayers
    #expect(layers.map(\.fileName) == [
      "common-threats-2026.tlp-amber.navigator.enterprise.json", "common-threats-2026.tlp-amber.navigator-change.enterprise.json",
    ])
    let layer = layers[0]
    #expect(Dictionary(uniqueKeysWithValues: layer.scores.map { ($0.technique, $0.score) }) == published.mapValues { $0.sectors })
    // The change layer: this year's sectors minus last year's, as the 2025 report prints them.
    let last = techniques(try build(year: 2025))
    for (id, score) in layers[1].scores {
      if let before = last[id] { #expect(score == published[id]!.sectors - before.sectors, "\(id)") }
    }
    let json = try #require(try JSONSerialization.jsonObject(with: Data(layer.text.utf8)) as? [String: Any])
    #expect(json["domain"] as? String == "enterprise-attack" && (json["versions"] as? [String: String])?["layer"] == "4.5")
    #expect((json["name"] as? String)?.hasPrefix("[TLP:AMBER]") == true)
    // Below AMBER the techniques are not published: no layer.
    #expect(try build(audience: .green).navigatorLayers.isEmpty)
  }

  @Test(.enabled(if: Python.has("mitreattack.navlayers"), "skipped: mitreattack-python is absent (make test installs it)"))
  func mitreattackPythonLoadsTheLayers() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-nav-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for layer in try build().navigatorLayers {
      let path = folder.appendingPathComponent(layer.fileName).path
      try layer.text.write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    // A broken layer (an unknown domain) as the control: the checker must complain.
    let broken = folder.appendingPathComponent("broken.json").path
    try #"{"name": "x", "domain": "not-a-domain", "versions": {"layer": "4.5", "navigator": "5.1.0", "attack": "18"}, "techniques": []}"#
      .write(toFile: broken, atomically: true, encoding: .utf8)
    let script = """
      import contextlib, io, json, sys
      from mitreattack.navlayers import Layer
      for path in sys.argv[1:]:
          data = json.load(open(path))
          out = io.StringIO()
          with contextlib.redirect_stdout(out):
              layer = Layer(strict=True)
              layer.from_dict(data)
              loaded = layer.to_dict()
          ok = loaded is not None and out.getvalue() == "" and len(loaded.get("techniques", [])) == len(data["techniques"])
          if ok:
              scores = {t["techniqueID"]: t.get("score") for t in loaded["techniques"]}
              ok = scores == {t["techniqueID"]: t.get("score") for t in data["techniques"]}
          print(("ok " if ok else "bad ") + path.split("/")[-1] + " " + out.getvalue().strip().replace("\\n", " | "))
      """
    let result = try Python.run(["-c", script] + paths + [broken])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == paths.count + 1, "\(result.stdout)")
    #expect(lines.dropLast().allSatisfy { $0.hasPrefix("ok ") }, "\(result.stdout)")
    #expect(lines.last?.hasPrefix("bad broken.json") == true, "the control is refused: \(lines.last ?? "")")
  }

  @Test func theSTIXBundleHoldsThePublishedFindingsAndReadsBack() throws {
    let report = try build()
    let bundle = try #require(try JSONSerialization.jsonObject(with: Data(report.stixBundle.utf8)) as? [String: Any])
    let objects = try #require(bundle["objects"] as? [[String: Any]])
    let amberMark = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
    for o in objects where o["type"] as? String != "marking-definition" {
      #expect((o["object_marking_refs"] as? [String]) == [amberMark], "\(o["id"] ?? "")")
    }
    let cves = Set(rows(report, "exploited-vulnerabilities").compactMap { row -> String? in if case .text(let c) = row[0] { return c } else { return nil } })
    let vulnerabilities = objects.filter { $0["type"] as? String == "vulnerability" }.compactMap { $0["name"] as? String }
    #expect(Set(vulnerabilities) == cves && !cves.isEmpty)
    let sightings = objects.filter { $0["type"] as? String == "sighting" }
    #expect(sightings.count == cves.count + techniques(report).count)
    #expect(try build().stixBundle == report.stixBundle, "the same report, the same bytes (ids are name-based)")
    // The GREEN bundle holds no finding (they are published at AMBER and above).
    let greenBundle = try build(audience: .green).stixBundle
    for cve in cves { #expect(!greenBundle.contains(cve), "\(cve) in the GREEN bundle") }
    #expect(greenBundle.contains("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"))
    // Read back: techniques and CVEs as threats marked AMBER.
    let (base, _) = try STIXImporter.parse(report.stixBundle, file: "bundle.json")
    let threats = base.threats(unmarked: .red)
    #expect(Set(threats.map(\.id)) == cves.union(techniques(report).keys))
    #expect(threats.allSatisfy { $0.sharing == .amber })
  }

  @Test(.enabled(if: Python.has("stix2"), "skipped: the stix2 package is absent (make test installs it)"))
  func theStix2PackageParsesTheBundle() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-stix-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("b.json").path
    try build().stixBundle.write(toFile: path, atomically: true, encoding: .utf8)
    let broken = folder.appendingPathComponent("broken.json").path
    try #"{"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000", "objects": [{"type": "sighting", "spec_version": "2.1", "id": "sighting--00000000-0000-4000-8000-000000000001", "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z", "count": -1}]}"#
      .write(toFile: broken, atomically: true, encoding: .utf8)
    let script = """
      import json, sys, stix2
      for path in sys.argv[1:]:
          try:
              b = stix2.parse(json.load(open(path)), allow_custom=False)
              print("ok", path.split("/")[-1], len(b.objects), ",".join(sorted({o.type for o in b.objects})))
          except Exception as e:
              print("bad", path.split("/")[-1], type(e).__name__)
      """
    let result = try Python.run(["-c", script, path, broken])
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("ok b.json") == true && lines.first?.hasSuffix("attack-pattern,identity,marking-definition,report,sighting,vulnerability") == true, "\(result.stdout)")
    #expect(lines.last?.hasPrefix("bad broken.json") == true, "the control is refused: \(result.stdout)")
  }
}
