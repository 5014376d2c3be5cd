import Foundation
import Rensa
import Testing
import _RensaTestSupport

/// The redundancy audit on a dataset (issue 22): shared products, vendors, sites and hazard
/// zones and single upstream nodes that defeat a group of alternatives, with the exact
/// cascade; the new asset fields read, validated and written.
@Suite struct CommonModesTests {
  /// A hospital needs 1 of two generators; both run one controller (two spellings of one
  /// CPE product, different versions), sit in one flood zone at two sites, and are serviced
  /// by one vendor. A data centre needs 2 of 3 links; two of them share a site. A pump needs
  /// 1 of two feeds that both hang on one substation (an upstream node).
  static func dataset() -> Dataset {
    var d = Dataset(name: "common-modes", description: "test")
    d.sectors = [Sector(id: "medical", name: "Medical"), Sector(id: "telecom", name: "Telecom"), Sector(id: "water", name: "Water")]
    d.sites = [
      Site(id: "riverside", name: "Riverside", latitude: 35.7, longitude: 139.8, hazards: ["flood:arakawa"]),
      Site(id: "lowland", name: "Lowland", hazards: ["flood:arakawa", "seismic:bay"]),
      Site(id: "hill", name: "Hill"),
    ]
    d.assets = [
      Asset(id: "gen-a", name: "Generator A", sector: "medical", products: ["cpe:2.3:h:acme:gen_controller:2.1:*:*:*:*:*:*:*"],
            vendors: ["Acme Service"], site: "riverside"),
      Asset(id: "gen-b", name: "Generator B", sector: "medical", products: ["acme/gen-controller@3.0"], vendors: ["acme  service"],
            site: "lowland"),
      Asset(id: "hospital", name: "Hospital", sector: "medical"),
      Asset(id: "link-1", name: "Link 1", sector: "telecom", site: "hill"),
      Asset(id: "link-2", name: "Link 2", sector: "telecom", site: "hill"),
      Asset(id: "link-3", name: "Link 3", sector: "telecom", products: ["pkg:generic/acme/gen_controller@1"]),
      Asset(id: "datacentre", name: "Data centre", sector: "telecom"),
      Asset(id: "substation", name: "Substation", sector: "water"),
      Asset(id: "feed-1", name: "Feed 1", sector: "water"),
      Asset(id: "feed-2", name: "Feed 2", sector: "water"),
      Asset(id: "pump", name: "Pump", sector: "water"),
    ]
    func dep(_ s: String, _ t: String, _ g: String? = nil, need: Int = 1) -> Dependency {
      Dependency(supplier: s, dependent: t, kind: .power, class: .physical, group: g, need: need, source: "test")
    }
    d.dependencies = [
      dep("gen-a", "hospital", "power"), dep("gen-b", "hospital", "power"),
      dep("link-1", "datacentre", "links", need: 2), dep("link-2", "datacentre", "links", need: 2), dep("link-3", "datacentre", "links", need: 2),
      dep("feed-1", "pump", "feeds"), dep("feed-2", "pump", "feeds"), dep("substation", "feed-1"), dep("substation", "feed-2"),
    ]
    return d
  }

  @Test func theSharedWeaknessesAreFoundWithTheirCascades() throws {
    let d = Self.dataset()
    #expect(throws: Never.self) { try DatasetReader.parse(DatasetWriter.json(d), file: "d.json") }
    let audit = CommonModes(dataset: d)
    let found = Set(audit.findings.map { "\($0.dependent) ← \($0.shared)" })
    // Not "datacentre ← product": link-3 runs the controller too, but a group of 2 of 3 spares one.
    #expect(found == [
      "hospital ← product:acme/gen_controller",  // the CPE and plain spellings are one product
      "hospital ← vendor:acme_service",
      "hospital ← hazard:flood:arakawa",
      "datacentre ← site:hill",  // 2 of 3 needed: losing two breaks it
    ])
    // Single upstream nodes, summarised per group: the substation defeats the pump's feeds
    // (each feed alone is spared).
    #expect(audit.upstream.count == 1)
    let pump = try #require(audit.upstream.first)
    #expect(pump.dependent == "pump" && pump.group == "feeds" && pump.count == 1 && pump.nearest == ["substation"] && pump.nearestFailedCounts == [4])
    #expect(audit.upstreamRanking.map(\.node) == ["substation"] && audit.upstreamRanking.map(\.groups) == [1])
    let product = try #require(audit.findings.first { $0.shared == .init(kind: .product, value: "acme/gen_controller") })
    #expect(audit.causes[product.cause].carriers == ["gen-a", "gen-b", "link-3"])
    #expect(audit.failedNodes(product.cause) == ["gen-a", "gen-b", "hospital", "link-3"] && product.failedCount == 4)
    #expect(product.failedAlternatives == ["gen-a", "gen-b"] && product.needed == 1 && product.group == "power")
    let site = try #require(audit.findings.first { $0.shared.kind == .site })
    #expect(site.failedAlternatives == ["link-1", "link-2"])
    #expect(audit.failedNodes(site.cause) == ["datacentre", "link-1", "link-2"] && site.alternatives == ["link-1", "link-2", "link-3"] && site.needed == 2)
    #expect(Set(audit.findings.map(\.cause)) == Set(audit.causes.indices), "every cause kept defeats a group")
    // One zone holds both generator sites; the seismic zone only one: not a cause.
    #expect(audit.causesTried[.hazard] == 1 && audit.causesTried[.site] == 1 && audit.redundantGroups == 3)
    #expect(audit.findings.map(\.shared.kind) == audit.findings.map(\.shared.kind).sorted {
      CommonModes.Shared.Kind.allCases.firstIndex(of: $0)! < CommonModes.Shared.Kind.allCases.firstIndex(of: $1)!
    })
  }

  @Test func productsAreReadFromCPEPackageURLsAndPlainNames() throws {
    let cpe = try ProductReference.parse("cpe:2.3:o:fortinet:fortios:7.0.1:*:*:*:*:*:*:*").get()
    #expect(cpe.form == .cpe && cpe.vendor == "fortinet" && cpe.product == "fortios" && cpe.version == "7.0.1")
    let escaped = try ProductReference.parse(#"cpe:2.3:a:example:a\:b:-:*:*:*:*:*:*:*"#).get()
    #expect(escaped.product == "a:b" && escaped.version == nil)
    let purl = try ProductReference.parse("pkg:npm/%40angular/core@16.2.0").get()
    #expect(purl.form == .purl && purl.vendor == "@angular" && purl.product == "core" && purl.version == "16.2.0")
    #expect(try ProductReference.parse("pkg:pypi/requests").get().vendor == "pypi")
    #expect(try ProductReference.parse("General Electric/CPE100").get().key == "general_electric/cpe100")
    for bad in ["cpe:2.3:x:a:b:*:*:*:*:*:*:*:*", "cpe:2.3:a:a:b", "cpe:2.2:a:a:b:*:*:*:*:*:*:*:*", "cpe:2.3:a:*:b:*:*:*:*:*:*:*:*", "pkg:npm", "siemens", "a/b@"] {
      #expect(throws: ProductReferenceError.self, "\(bad)") { try ProductReference.parse(bad).get() }
    }
  }

  @Test func badProductsSitesAndVendorsAreListedWithTheirFields() throws {
    var d = Self.dataset()
    d.assets[0].products = ["cpe:2.3:h:acme:gen_controller"]
    d.assets[1].site = "lowlands"
    d.assets[2].vendors = [" "]
    d.sites.append(Site(id: "hill", name: "Hill again"))
    let text = DatasetWriter.json(d).replacingOccurrences(of: "\"latitude\": 35.7", with: "\"latitude\": 135.7")
    let result = Result { () throws(DataError) -> Dataset in try DatasetReader.parse(text, file: "d.json") }
    guard case .failure(let error) = result else {
      Issue.record("a dataset with bad products and sites was read")
      return
    }
    let fields = Set(error.issues.compactMap(\.field))
    #expect(fields.isSuperset(of: ["assets[0].products[0]", "assets[1].site", "assets[2].vendors[0]", "sites[3].id", "sites[0].latitude"]), "\(error)")
    #expect(error.issues.allSatisfy { $0.line != nil }, "\(error)")
    #expect(error.description.contains("did you mean 'lowland'?"))
  }

  @Test func productsVendorsAndSitesTravelThroughTheBulkTables() throws {
    let d = Self.dataset()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-tables-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let written = DatasetWriter.tables(d, prefix: "cm-")
    for f in written.tables { try f.text.write(to: folder.appendingPathComponent(f.name), atomically: true, encoding: .utf8) }
    try written.document.write(to: folder.appendingPathComponent("cm.json"), atomically: true, encoding: .utf8)
    let assets = try #require(written.tables.first { $0.name == "cm-assets.csv" })
    #expect(assets.text.contains("products") && assets.text.contains("acme/gen-controller@3.0"))
    let again = try DatasetReader.read(path: folder.appendingPathComponent("cm.json").path)
    #expect(again.assets == d.assets && again.sites == d.sites)
  }
}
