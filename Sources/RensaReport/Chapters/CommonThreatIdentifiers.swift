import Foundation
import Rensa

extension AnnualReport.CommonThreats {
  typealias Context = AnnualReport.Context

  /// The year's CVEs, ATT&CK techniques and products as the incidents carry them, ranked
  /// (issue 22, §3), with every sector they reached (``CountMeasure/carrying(_:sector:)``):
  /// at TLP:AMBER and above only; below it, where they are published
  /// (Docs/Report.md, "Identifiers in the incidents").
  static func identifierBlocks(_ c: Context) -> [ReportBlock] {
    let t = c.text
    var blocks: [ReportBlock] = [.heading(t.identifiersHeading)]
    let rows = publishedIdentifiers(c)
    let carrying = c.view.visible.contains { c.view.countingYear($0) == c.year && !IncidentIdentifier.of($0).isEmpty }
    guard carrying else {
      blocks.append(.paragraph(t.identifiersNone(year: c.year)))
      return blocks
    }
    // Below AMBER the identifiers are not published (Docs/Report.md): the AMBER edition has them.
    guard !c.view.suppresses else {
      blocks.append(.paragraph(t.identifiersInAmber(year: c.year)))
      return blocks
    }
    blocks.append(.paragraph(t.identifiersIntroduction(year: c.year)))
    let kev = Dictionary(c.options.knownExploited.map { ($0.cve.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
    let cves = rows.filter { $0.id.kind == .cve }
    if cves.isEmpty {
      blocks.append(.paragraph(t.identifiersNoneShown(kind: .cve, year: c.year)))
    } else {
      blocks.append(.table(ReportTable(
        id: "exploited-vulnerabilities", caption: t.exploitedCaption(year: c.year), columns: t.exploitedColumns,
        rows: cves.prefix(15).map { r in
          [.text(r.id.value), .text(kev[r.id.value].map { t.kevMark(added: $0.dateAdded.description, ransomware: $0.knownRansomwareUse) } ?? (c.options.knownExploited.isEmpty ? "—" : t.notInKEV)),
           .count(r.incidents), .count(r.sectors.count), .text(t.list(r.sectors.map(c.name(ofSector:))))]
        },
        base: t.identifierBase)))
      if c.options.knownExploited.isEmpty { blocks.append(.note(t.kevNotGiven)) }
    }
    // Techniques: those reaching most sectors first (what is common across sectors).
    let techniques = rows.filter { $0.id.kind == .technique }.sorted { ($0.sectors.count, $0.incidents, $1.id.value) > ($1.sectors.count, $1.incidents, $0.id.value) }
    if techniques.isEmpty {
      blocks.append(.paragraph(t.identifiersNoneShown(kind: .technique, year: c.year)))
    } else {
      let names = techniqueNames(c)
      blocks.append(.table(ReportTable(
        id: "techniques-across-sectors", caption: t.techniquesCaption(year: c.year), columns: t.techniquesColumns,
        rows: techniques.prefix(15).map { r in
          [.text(r.id.value), .text(names[r.id.value] ?? "—"), .count(r.sectors.count), .count(r.incidents),
           .text(t.list(r.sectors.map(c.name(ofSector:))))]
        },
        base: t.identifierBase)))
    }
    let products = rows.filter { $0.id.kind == .product }
    if !products.isEmpty {
      // The KEV column only with a catalogue.
      let withKEV = !c.options.knownExploited.isEmpty
      blocks.append(.table(ReportTable(
        id: "products-in-incidents", caption: t.productsInIncidentsCaption(year: c.year),
        columns: withKEV ? t.productsInIncidentsColumns : Array(t.productsInIncidentsColumns.dropLast()),
        rows: products.prefix(15).map { r in
          [.text(r.id.value), .count(r.incidents), .count(r.sectors.count), .text(t.list(r.sectors.map(c.name(ofSector:))))]
            + (withKEV ? [.count(kevEntries(naming: r.id.value, c.options.knownExploited))] : [])
        },
        base: t.identifierBase)))
    }
    return blocks
  }

  /// The year's identifiers whose count is published, with the sectors they reached,
  /// ranked by incidents, then sectors, then id.
  static func publishedIdentifiers(_ c: Context) -> [(id: IncidentIdentifier, incidents: Int, sectors: [String])] {
    guard let block = c.disclosure.years[c.year] else { return [] }
    var out: [(id: IncidentIdentifier, incidents: Int, sectors: [String])] = []
    var bySector: [IncidentIdentifier: [String]] = [:]
    for m in block.measures {
      if case .carrying(let id, let sector?) = m, case .count(let n) = c.count(c.year, m), n > 0 { bySector[id, default: []].append(sector) }
    }
    let order = Dictionary(uniqueKeysWithValues: c.dataset.sectors.enumerated().map { ($1.id, $0) })
    for m in block.measures {
      guard case .carrying(let id, nil) = m, case .count(let n) = c.count(c.year, m), n > 0 else { continue }
      let sectors = (bySector[id] ?? []).sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
      out.append((id, n, sectors))
    }
    return out.sorted { ($0.incidents, $0.sectors.count, $1.id) > ($1.incidents, $1.sectors.count, $0.id) }
  }

  /// ATT&CK technique names from the dataset's threat catalogue (an imported ATT&CK
  /// technique's id is its technique id), in the report's language.
  static func techniqueNames(_ c: Context) -> [String: String] {
    var names: [String: String] = [:]
    for threat in c.dataset.threats where threat.sharing.isVisible(to: c.options.audience) {
      if threat.identifiers.attack == [threat.id] || threat.id.uppercased().hasPrefix("T") && threat.identifiers.attack.contains(threat.id) {
        names[threat.id.uppercased()] = c.name(ofThreat: threat.id)
      }
    }
    return names
  }

  /// How many KEV entries name a product (`vendor/product` key): the vendor the same
  /// without separators, and one of the entry's products naming it.
  static func kevEntries(naming key: String, _ kev: [KnownExploitedVulnerability]) -> Int {
    let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return 0 }
    let vendor = VendorNames.compact(parts[0])
    return kev.filter { e in
      VendorNames.compact(VendorNames.key(e.vendor)) == vendor && ProductReference.productKeys(e.product).contains { ProductReference.productKey($0, names: parts[1]) }
    }.count
  }

  /// The products and vendors the model's assets share across sectors (the inventory,
  /// not the reports: aggregates only, no asset named), with the year's incidents naming
  /// the product (published count) and the KEV entries naming it; named at TLP:AMBER and
  /// above, counted below it (the sharing rule of ``AnnualReport/CommonModesChapter``).
  static func inventoryBlocks(_ c: Context) -> [ReportBlock] {
    let t = c.text
    var productSectors: [String: Set<String>] = [:]
    var productAssets: [String: Int] = [:]
    var vendorSectors: [String: Set<String>] = [:]
    var vendorAssets: [String: Int] = [:]
    var named = 0
    for a in c.dataset.assets {
      let refs = a.productReferences
      if !refs.isEmpty || !a.vendors.isEmpty { named += 1 }
      for key in Set(refs.map(\.key)) {
        productSectors[key, default: []].insert(a.sector)
        productAssets[key, default: 0] += 1
      }
      for v in Set(refs.map { VendorNames.key($0.vendor) } + a.vendors.map(VendorNames.key)) where !v.isEmpty {
        vendorSectors[v, default: []].insert(a.sector)
        vendorAssets[v, default: 0] += 1
      }
    }
    guard named > 0 else { return [.paragraph(t.inventoryNone)] }
    var blocks: [ReportBlock] = []
    let shared = productSectors.filter { $0.value.count >= 2 }.sorted {
      ($0.value.count, productAssets[$0.key]!, $1.key) > ($1.value.count, productAssets[$1.key]!, $0.key)
    }
    let vendors = vendorSectors.filter { $0.value.count >= 2 }.sorted {
      ($0.value.count, vendorAssets[$0.key]!, $1.key) > ($1.value.count, vendorAssets[$1.key]!, $0.key)
    }
    // The sharing rule of the hidden common modes: which products and vendors run where is
    // named at TLP:AMBER and above; below it, how many are shared across sectors.
    guard c.options.audience >= .amber else {
      blocks.append(.paragraph(shared.isEmpty && vendors.isEmpty
        ? t.inventorySharedNone(assets: named)
        : t.inventorySharedCounted(products: shared.count, vendors: vendors.count, widest: (shared + vendors).map(\.value.count).max() ?? 0)))
      return blocks
    }
    if shared.isEmpty {
      blocks.append(.paragraph(t.inventorySharedNone(assets: named)))
    } else {
      let withKEV = !c.options.knownExploited.isEmpty
      var columns = t.sharedProductsColumns(year: c.year)
      if !withKEV { columns.remove(at: 4) }
      blocks.append(.table(ReportTable(
        id: "shared-products", caption: t.sharedProductsCaption, columns: columns,
        rows: shared.prefix(15).map { p in
          [.text(p.key), .count(p.value.count), .count(productAssets[p.key]!),
           c.count(c.year, .carrying(IncidentIdentifier(.product, p.key), sector: nil))]
            + (withKEV ? [.count(kevEntries(naming: p.key, c.options.knownExploited))] : [])
            + [.text(t.list(p.value.sorted().map(c.name(ofSector:))))]
        })))
    }
    if !vendors.isEmpty {
      blocks.append(.table(ReportTable(
        id: "shared-vendors", caption: t.sharedVendorsCaption, columns: t.sharedVendorsColumns,
        rows: vendors.prefix(15).map { v in
          [.text(v.key), .count(v.value.count), .count(vendorAssets[v.key]!), .text(t.list(v.value.sorted().map(c.name(ofSector:))))]
        })))
    }
    return blocks
  }

  /// Products named by catalogue threats in two or more sectors, names normalised
  /// (``VendorNames``, ``ProductReference/productKeys(_:)``).
  static func catalogueProducts(_ c: Context) -> [(key: String, sectors: Set<String>)] {
    let threats = c.dataset.threats.filter { $0.sharing.isVisible(to: c.options.audience) }
    var vendors: [String] = []
    for th in threats { for p in th.identifiers.products { if let slash = p.firstIndex(of: "/") { vendors.append(String(p[..<slash])) } } }
    let names = VendorNames(known: vendors)
    var sectors: [String: Set<String>] = [:]
    for th in threats where !th.sectors.isEmpty {
      for p in th.identifiers.products {
        guard let slash = p.firstIndex(of: "/") else { continue }
        let vendorKeys = names.keys(String(p[..<slash]))
        for v in vendorKeys { for product in ProductReference.productKeys(String(p[p.index(after: slash)...])) { sectors["\(v)/\(product)", default: []].formUnion(th.sectors) } }
      }
    }
    return sectors.filter { $0.value.count >= 2 }.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.map { ($0.key, $0.value) }
  }
}
