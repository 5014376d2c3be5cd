import Foundation
import Rensa
import Testing
import _RensaTestSupport

/// A shared weakness as a scenario (issue 22, §3): `product:`, `vendor:`, `site:`,
/// `hazard:` and `cve:` causes take out the assets that share it, and the scenario runs
/// through the timeline like any other.
@Suite struct CommonCauseTests {
  let d = CommonModesTests.dataset()

  func assets(_ text: String, kev: [KnownExploitedVulnerability] = []) throws -> [String] {
    try CommonCause.parse(text).get().assets(in: d, knownExploited: kev)
  }

  @Test func causesAreReadOrRefusedWithTheirReason() throws {
    #expect(try CommonCause.parse("product:cpe:2.3:h:acme:gen_controller:2.1:*:*:*:*:*:*:*").get().product?.key == "acme/gen_controller")
    #expect(try CommonCause.parse("cve:cve-2023-27997").get().value == "CVE-2023-27997")
    #expect(try CommonCause.parse("Hazard:flood:arakawa").get().kind == .hazard)
    for (text, reason) in [
      ("acme", "write KIND:VALUE"), ("colour:red", "'colour' is not a kind"), ("site:", "nothing after 'site:'"),
      ("cve:CVE-23-1", "is not a CVE id"), ("product:acme", "not a product"),
      ("product:cpe:2.3:x:acme:c:1:*:*:*:*:*:*:*", "the part of a CPE name"),
    ] {
      guard case .failure(let e) = CommonCause.parse(text) else {
        Issue.record("\(text) was read")
        continue
      }
      #expect(e.reason.contains(reason), "\(text): \(e.reason)")
    }
  }

  @Test func eachKindTakesOutTheAssetsThatShareIt() throws {
    // One product in three spellings; a version takes the assets of that version and
    // those whose version is not stated.
    #expect(try assets("product:Acme/Gen Controller") == ["gen-a", "gen-b", "link-3"])
    #expect(try assets("product:acme/gen_controller@3.0") == ["gen-b"])
    #expect(try assets("product:cpe:2.3:h:acme:gen_controller:2.1:*:*:*:*:*:*:*") == ["gen-a"])
    // A vendor: named as one, or making a product ("Acme Corp." is acme).
    #expect(try assets("vendor:Acme Service, Inc.") == ["gen-a", "gen-b"])
    #expect(try assets("vendor:Acme Corp.") == ["gen-a", "gen-b", "link-3"])
    #expect(try assets("site:hill") == ["link-1", "link-2"])
    #expect(try assets("hazard:flood:arakawa") == ["gen-a", "gen-b"])
    #expect(try assets("hazard:seismic:bay") == ["gen-b"])
    // A CVE: through the KEV entry's vendor and product, written as KEV writes them.
    let kev = [
      KnownExploitedVulnerability(
        cve: "CVE-2099-0001", vendor: "ACME Corporation (AC)", product: "Gen Controller and Gen Monitor", name: "x",
        dateAdded: CalendarDay("2099-01-01")!, knownRansomwareUse: false, cwes: [], description: "")
    ]
    #expect(try assets("cve:CVE-2099-0001", kev: kev) == ["gen-a", "gen-b", "link-3"])
    #expect(try assets("cve:CVE-2099-0001").isEmpty, "without the catalogue nothing names the CVE's products")
    // Through an incident that carries the CVE and names the product.
    var withIncident = d
    withIncident.incidents = [
      Incident(
        id: "i1", occurred: CalendarDay("2026-01-01")!, sector: "medical", threatType: .intentional,
        identifiers: ThreatIdentifiers(cve: ["CVE-2099-0002"], products: ["acme/gen_controller"]), exceededVerificationLevel: true,
        sharing: .green, reporter: "r", synthetic: false)
    ]
    #expect(try CommonCause.parse("cve:CVE-2099-0002").get().assets(in: withIncident) == ["gen-a", "gen-b", "link-3"])
  }

  /// A CVE is a shared weakness of the audit too: both generators run a product one KEV
  /// entry names (as KEV writes it), so the hospital's redundancy falls to the CVE; the
  /// audit's carriers are the cause's assets.
  @Test func aCVEIsASharedWeaknessOfTheAudit() throws {
    let kev = [
      KnownExploitedVulnerability(
        cve: "CVE-2099-0001", vendor: "ACME Corporation (AC)", product: "Gen Controller and Gen Monitor", name: "x",
        dateAdded: CalendarDay("2099-01-01")!, knownRansomwareUse: false, cwes: [], description: "")
    ]
    let audit = CommonModes(dataset: d, upstream: false, knownExploited: kev)
    let cve = try #require(audit.findings.first { $0.shared == .init(kind: .cve, value: "CVE-2099-0001") })
    #expect(cve.dependent == "hospital" && cve.failedAlternatives == ["gen-a", "gen-b"])
    #expect(audit.causes[cve.cause].carriers == (try assets("cve:CVE-2099-0001", kev: kev)))
    #expect(audit.causesTried[.cve] == 1)
    #expect(CommonModes(dataset: d, upstream: false).causesTried[.cve] == nil, "without KEV or advisories no CVE is tried")
  }

  @Test func nothingTakenOutIsAnErrorNamingWhatTheDatasetHas() throws {
    for (text, hint) in [
      ("product:acme/gen_contrler", "acme/gen_controller"), ("site:nowhere", "riverside"), ("hazard:tsunami:x", "flood:arakawa"),
      ("vendor:nobody", "acme"), ("cve:CVE-2099-0003", "the KEV catalogue (--kev)"),
    ] {
      let cause = try CommonCause.parse(text).get()
      do {
        _ = try cause.scenario(in: d)
        Issue.record("\(text) made a scenario")
      } catch {
        #expect(error.issues.count == 1 && error.issues[0].reason == "no asset is taken out by \(cause)")
        #expect(error.issues[0].hint?.contains(hint) == true, "\(text): \(error.issues[0].hint ?? "")")
      }
    }
    #expect(throws: DataError.self) { try CommonCause.parse("site:hill").get().scenario(in: d, durationHours: 0) }
    #expect(throws: DataError.self) { try CommonCause.parse("site:hill").get().scenario(in: d, startHours: -1) }
  }

  /// The scenario's timeline fails exactly what the redundancy audit's cascade fails for
  /// the same cause (two independent paths: the audit's carriers and bit-parallel
  /// propagation; the cause's matching and the timed cascade), on random datasets.
  @Test func theScenarioFailsWhatTheAuditsCascadeFails() throws {
    var rng = Xoshiro256StarStar(seed: 22)
    var checked = 0
    for _ in 0..<40 {
      var data = Dataset(name: "random", description: "test")
      data.sectors = [Sector(id: "s", name: "S")]
      data.sites = (0..<3).map { Site(id: "site-\($0)", name: "Site \($0)", hazards: $0 < 2 ? ["flood:z"] : []) }
      let n = 8 + Int(rng.next() % 12)
      data.assets = (0..<n).map { i in
        Asset(
          id: "a\(i)", name: "A\(i)", sector: "s", products: rng.next() % 3 == 0 ? ["p/x\(rng.next() % 3)"] : [],
          vendors: rng.next() % 4 == 0 ? ["V\(rng.next() % 2)"] : [], site: rng.next() % 2 == 0 ? "site-\(rng.next() % 3)" : nil)
      }
      var deps: [Dependency] = []
      for t in 0..<n where rng.next() % 3 != 0 {
        let suppliers = Set((0..<1 + Int(rng.next() % 3)).map { _ in Int(rng.next() % UInt64(n)) }).subtracting([t]).sorted()
        let group = suppliers.count > 1 && rng.next() % 2 == 0 ? "g" : nil
        let need = group == nil ? 1 : 1 + Int(rng.next() % UInt64(suppliers.count))
        for s in suppliers {
          deps.append(Dependency(supplier: "a\(s)", dependent: "a\(t)", kind: .power, class: .physical, group: group, need: need, source: "test"))
        }
      }
      data.dependencies = deps
      let audit = CommonModes(dataset: data, upstream: false)
      for (k, cause) in audit.causes.enumerated() {
        let text = cause.shared.kind == .product ? "product:\(cause.shared.value)" : "\(cause.shared)"
        let parsed = try CommonCause.parse(text).get()
        // The audit leaves out assets outside the network (no dependency); the scenario fails them too.
        let inNetwork = Set(data.dependencyNetwork.nodeIDs)
        #expect(parsed.assets(in: data).filter(inNetwork.contains) == cause.carriers.sorted(), "\(text)")
        var model = data
        let scenario = try parsed.scenario(in: model)
        model.scenarios = [scenario]
        let analysis = try ScenarioAnalysis(dataset: model, scenario: scenario.id)
        let t = analysis.cascade.timeline
        let failed = analysis.cascade.network.nodeIDs.indices.filter { t.failedAt[$0].isFinite }.map { analysis.cascade.network.nodeIDs[$0] }
        #expect(failed.filter(inNetwork.contains).sorted() == audit.failedNodes(k), "\(text)")
        checked += 1
      }
    }
    #expect(checked > 60, "causes compared: \(checked)")
  }
}

/// Vendor and product names as advisories and catalogues write them (issue 22, §1).
@Suite struct VendorNamesTests {
  @Test func oneVendorWrittenSeveralWaysIsOneKey() {
    let names = VendorNames(known: [
      "General Electric (GE)", "Emerson", "ABB", "Phoenix Contact", "Schneider Electric", "Siemens", "WAGO",
      "Becton, Dickinson and Company (BD)", "ProPump and Controls, Inc.",
    ])
    #expect(names.keys("General Electric (GE) and Emerson") == ["general_electric", "emerson"])
    #expect(names.keys("GE") == ["general_electric"])
    #expect(names.keys("ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO") == ["abb", "phoenix_contact", "schneider_electric", "siemens", "wago"])
    #expect(names.keys("Becton, Dickinson and Company (BD)") == ["becton_dickinson_and_company"])
    #expect(names.keys("ProPump and Controls, Inc.") == ["propump_and_controls"])
    #expect(VendorNames.key(" Schneider Electric ") == "schneider_electric")
    #expect(VendorNames.key("Sensormatic Electronics, LLC, a subsidiary of Johnson Controls Inc.") == "sensormatic_electronics")
    #expect(VendorNames.key("Pilz GmbH & Co. KG (Pilz)") == "pilz")
    #expect(VendorNames.key("SHUN HU Technology Co, Ltd") == "shun_hu_technology")
  }

  @Test func productStringsNameTheirProducts() {
    #expect(ProductReference.productKeys("SCALANCE M-800 / S615") == ["scalance_m_800", "scalance_s615"])
    #expect(ProductReference.productKeys("FortiOS and FortiProxy SSL-VPN") == ["fortios", "fortiproxy_ssl_vpn"])
    #expect(ProductReference.productKeys("SIMATIC PCS 7 V8.0 and earlier") == ["simatic_pcs_7_v8_0_and_earlier"])
    #expect(ProductReference.productKey("fortiproxy_ssl_vpn", names: "fortiproxy"))
    #expect(!ProductReference.productKey("fortiproxy", names: "forti"))
  }

  /// On the real CISA ICS advisories: vendor names collapse (trailing spaces, legal
  /// suffixes, aliases) and the multi-vendor strings split into vendors known alone.
  @Test(.enabled(if: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz") != nil, "skipped: ../shared/datasets is absent"))
  func theRealAdvisoriesVendorsAreNormalised() throws {
    let (advisories, _) = try CSAFImporter.read(path: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz")!.path)
    let raw = advisories.flatMap(\.vendors)
    let names = VendorNames(known: raw)
    let distinctRaw = Set(raw)
    let keys = Set(distinctRaw.flatMap { names.keys($0) })
    print("CSAF vendors: \(distinctRaw.count) spellings → \(keys.count) vendors")
    #expect(keys.count < distinctRaw.count - 20, "\(distinctRaw.count) → \(keys.count)")
    #expect(names.keys("General Electric (GE) and Emerson") == ["general_electric", "emerson"])
    #expect(Set(names.keys("ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO")) == ["abb", "phoenix_contact", "schneider_electric", "siemens", "wago"])
    #expect(names.keys("Schneider Electric ") == names.keys(" Schneider Electric"))
    #expect(names.keys("Becton, Dickinson and Company (BD)").count == 1)
    // Every key is a vendor some advisory names alone, or a string that does not split.
    #expect(keys.allSatisfy { !$0.isEmpty && !$0.hasPrefix("_") && !$0.hasSuffix("_") })
  }

  /// The KEV catalogue's CVE-2023-27997 (Fortinet, "FortiOS and FortiProxy SSL-VPN")
  /// affects an asset running `fortinet/fortios`.
  @Test(.enabled(if: TestPaths.sharedDataset("cisa-kev/known_exploited_vulnerabilities.json") != nil, "skipped: ../shared/datasets is absent"))
  func aKEVEntryReachesTheAssetsRunningItsProduct() throws {
    let kev = try KEVImporter.read(path: TestPaths.sharedDataset("cisa-kev/known_exploited_vulnerabilities.json")!.path).entries
    var d = Dataset(name: "fw", description: "test")
    d.sectors = [Sector(id: "finance", name: "Finance")]
    d.assets = [
      Asset(id: "fw-1", name: "FW", sector: "finance", products: ["cpe:2.3:o:fortinet:fortios:7.0.1:*:*:*:*:*:*:*"]),
      Asset(id: "fw-2", name: "FW", sector: "finance", products: ["fortinet/fortiproxy@7.2"]),
      Asset(id: "vpn", name: "VPN", sector: "finance", products: ["paloaltonetworks/pan-os"]),
    ]
    #expect(try CommonCause.parse("cve:CVE-2023-27997").get().assets(in: d, knownExploited: kev) == ["fw-1", "fw-2"])
    // KEV writes "Palo Alto Networks", CPE "paloaltonetworks": one vendor.
    #expect(try CommonCause.parse("cve:CVE-2024-3400").get().assets(in: d, knownExploited: kev) == ["vpn"])
  }
}

/// CSAF product status with version ranges (issue 22, §1): which versions an advisory
/// says are affected, and a CVE's common cause through it.
@Suite struct AdvisoryMatchingTests {
  @Test func versionRangesAsCSAFAndTheFeedWriteThem() {
    func contains(_ range: String, _ version: String) -> Bool? { VersionRange(range: range).contains(version) }
    #expect(contains("vers:all/<V2.3.1", "2.3") == true && contains("vers:all/<V2.3.1", "V2.3.1") == false)
    #expect(contains("< V4.1", "4.0.9") == true && contains("< V4.1", "4.1") == false && contains("<= 2.3", "2.3.0") == true)
    #expect(contains(">= 1.2 | <= 2.0", "1.5") == true && contains(">= 1.2 | <= 2.0", "2.1") == false)
    #expect(contains(">= V1.2 < V2.0", "1.1") == false && contains(">= V1.2 < V2.0", "1.9.9") == true)
    #expect(contains("All versions < V3.1", "3.0") == true && contains("All versions", "99") == true && contains("vers:all/*", "1") == true)
    #expect(contains("vers:generic/>=1.0.0|<2.0.0", "1.10.0") == true)
    #expect(contains("< 9 Linux Image 2019-12-13", "8") == nil, "a range that cannot be read answers unknown")
    #expect(VersionRange.compare("V2.10", "2.9") == 1 && VersionRange.compare("1.0", "1") == 0 && VersionRange.compare("2.3.HW1", "2.3") == 1)
    #expect(VersionRange.exactly("7.1").contains("7.1") == true && VersionRange.exactly("7.1").contains("7.2") == false)
  }

  /// ICSA-23-075-01 (Siemens): CVE-2018-25032 affects "SCALANCE S615 (6GK5615-0AA00-2AA2)"
  /// below V7.2.
  @Test(.enabled(if: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz") != nil, "skipped: ../shared/datasets is absent"))
  func theRealAdvisoryDecidesByVersion() throws {
    let (advisories, _) = try CSAFImporter.read(path: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz")!.path)
    let advisory = try #require(advisories.first { $0.id == "ICSA-23-075-01" })
    #expect(advisory.treeProducts.count == 20 && advisory.productStatus["CVE-2018-25032"]?.count == 20)
    func status(_ product: String) -> [ProductStatus?] {
      advisory.statuses(of: try! ProductReference.parse(product).get()).filter { $0.cve == "CVE-2018-25032" }.map(\.status)
    }
    #expect(status("siemens/scalance_s615@7.1") == [.affected])
    #expect(status("cpe:2.3:o:siemens:scalance_s615:7.2:*:*:*:*:*:*:*") == [.notAffected])
    #expect(status("Siemens/SCALANCE S615") == [nil], "no version stated: possibly affected")
    #expect(status("siemens/simatic_s7_1500@1.0").isEmpty, "not named by the advisory")
    var d = Dataset(name: "plant", description: "test")
    d.sectors = [Sector(id: "energy", name: "Energy")]
    d.assets = [
      Asset(id: "fw-old", name: "Old", sector: "energy", products: ["siemens/scalance_s615@7.1"]),
      Asset(id: "fw-new", name: "New", sector: "energy", products: ["siemens/scalance_s615@7.2"]),
      Asset(id: "fw-unknown", name: "Unknown", sector: "energy", products: ["siemens/scalance_s615"]),
      Asset(id: "plc", name: "PLC", sector: "energy", products: ["siemens/simatic_s7_1500@1.0"]),
    ]
    let cause = try CommonCause.parse("cve:CVE-2018-25032").get()
    #expect(cause.assets(in: d, advisories: advisories) == ["fw-old", "fw-unknown"])
    #expect(cause.assets(in: d).isEmpty, "without the advisories nothing names the CVE's products")
  }
}
