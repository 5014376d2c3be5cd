import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The chapter "Hidden common modes" (issue 22): the redundancy audit in the report, and
/// its sharing rule (what alternatives share is named at AMBER and above only).
@Suite struct CommonModesChapterTests {
  /// nisc-2009 with a hospital that needs one of two generators running one controller
  /// (two spellings of one product) at two sites in one flood zone.
  static func dataset() -> Dataset {
    var d = BuiltinDatasets.nisc2009()
    d.sites = [
      Site(id: "riverside", name: "Riverside", hazards: ["flood:arakawa"]), Site(id: "lowland", name: "Lowland", hazards: ["flood:arakawa"]),
    ]
    d.assets += [
      Asset(id: "gen-a", name: "Generator A", sector: "medical", products: ["cpe:2.3:h:acme:gen_controller:2.1:*:*:*:*:*:*:*"], site: "riverside"),
      Asset(id: "gen-b", name: "Generator B", sector: "medical", products: ["Acme/Gen Controller@3.0"], site: "lowland"),
      Asset(id: "hospital-x", name: "Hospital X", sector: "medical"),
    ]
    d.dependencies += ["gen-a", "gen-b"].map {
      Dependency(supplier: $0, dependent: "hospital-x", kind: .power, class: .physical, group: "backup-power", need: 1, source: "test")
    }
    return d
  }

  func build(_ audience: SharingScope) throws -> ReportDocument {
    var o = ReportOptions()
    o.trials = 20
    o.audience = audience
    return try AnnualReport.build(dataset: Self.dataset(), options: o)
  }

  func table(_ r: ReportDocument, _ id: String) -> ReportTable? {
    r.sections.flatMap(\.blocks).compactMap { b -> ReportTable? in
      if case .table(let t) = b, t.id == id { return t }
      return nil
    }.first
  }

  @Test func theSharedControllerIsFoundAndNamedOnlyAtAmber() throws {
    let green = try build(.green)
    #expect(green.sections.map(\.id).contains("common-modes"))
    let hidden = try #require(table(green, "hidden-common-modes"))
    let texts = hidden.rows.map { $0.map(\.display) }
    #expect(texts.contains { $0[0] == "Hospital X" && $0[2] == "product" && $0[3] == "Generator A, Generator B" && $0[4] == "3" }, "\(texts)")
    #expect(texts.contains { $0[0] == "Hospital X" && $0[2] == "hazard zone" })
    #expect(!green.markdown.text.contains("gen_controller") && !green.markdown.text.contains("flood:arakawa") && !green.jsonText.contains("gen_controller") && !green.html.contains("gen_controller"), "GREEN names no product or zone")
    #expect(table(green, "common-cause-reach") == nil)
    let byKind = try #require(table(green, "common-modes-by-kind"))
    #expect(byKind.rows.map { $0[0].display } == [
      "product", "vendor or service provider", "vulnerability (CVE)", "site", "hazard zone", "single upstream node",
    ])
    #expect(byKind.rows[0][2] == .count(1) && byKind.rows[4][2] == .count(1) && byKind.rows[2][1] == .count(0))
    let amber = try build(.amber)
    let named = try #require(table(amber, "hidden-common-modes")).rows.map { $0.map(\.display) }
    #expect(named.contains { $0[0] == "Hospital X" && $0[2] == "product: acme/gen_controller" })
    let reach = try #require(table(amber, "common-cause-reach")).rows.map { $0.map(\.display) }
    #expect(reach.contains { $0 == ["product:acme/gen_controller", "2", "3"] }, "\(reach)")
  }
}
