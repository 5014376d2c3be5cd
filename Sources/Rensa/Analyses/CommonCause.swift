/// A shared weakness as a scenario: every asset that runs one product, depends on one
/// vendor, stands at one site or in one hazard zone, or runs a product one CVE affects,
/// fails together (``scenario(in:startHours:durationHours:knownExploited:advisories:)``), so that
/// the timeline, restoration priority and Monte Carlo run it as any other scenario.
///
/// Written `KIND:VALUE` (``parse(_:)``):
///
/// | kind | value | the assets taken out |
/// |---|---|---|
/// | `product` | a CPE 2.3 name, package URL or `vendor/product[@version]` | those running that product (vendor and product compared by ``ProductReference/key``); with a version, those running that version or an unstated one (the version an asset runs is then not known, so it is counted as exposed) |
/// | `vendor` | a vendor or service provider | those naming it among their vendors, or running one of its products (compared by ``VendorNames/key(_:)`` without separators: "Acme Corp." is `acme`, "Palo Alto Networks" is `paloaltonetworks`) |
/// | `site` | a site id | those standing at it |
/// | `hazard` | a hazard zone (`flood:arakawa-l2`) | those at a site in the zone |
/// | `cve` | `CVE-YYYY-NNNN…` | those running a product the CVE affects: the products the dataset's threats with that CVE name, the KEV catalogue's entry for it, and the products of the incidents that carry it, names normalised; where a CSAF advisory names the product for the CVE, its `product_status` and version ranges decide (``SecurityAdvisory/statuses(of:names:)``), and names are by ``VendorNames`` and ``ProductReference/productKeys(_:)`` (KEV's "Fortinet / FortiOS and FortiProxy SSL-VPN" affects `fortinet/fortios`) |
///
/// ```swift
/// let cause = try CommonCause.parse("product:fortinet/fortios").get()
/// let scenario = try cause.scenario(in: dataset, startHours: 0, durationHours: 24)
/// var model = dataset
/// model.scenarios.append(scenario)
/// let analysis = try ScenarioAnalysis(dataset: model, scenario: scenario.id)
/// ```
///
/// With a probability p (``CommonModes`` causes are all-or-nothing), the assets fail
/// *together* with probability p: a node's probability of failing is p times its
/// probability of failing given the cause, which is how `rensa cascade` reports it.
public struct CommonCause: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable, CaseIterable { case product, vendor, site, hazard, cve }
  public var kind: Kind
  /// The value as given.
  public var value: String
  /// The product, for `product:`.
  public var product: ProductReference?

  public var description: String { "\(kind.rawValue):\(value)" }

  /// Reads `KIND:VALUE`; the error says what is wrong.
  public static func parse(_ text: String) -> Result<CommonCause, CommonCauseError> {
    guard let colon = text.firstIndex(of: ":") else {
      return .failure(.init(text: text, reason: "write KIND:VALUE, KIND one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
    }
    let name = text[..<colon].lowercased()
    let value = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
    guard let kind = Kind(rawValue: name) else {
      return .failure(.init(text: text, reason: "'\(name)' is not a kind of common cause: give one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
    }
    guard !value.isEmpty else { return .failure(.init(text: text, reason: "nothing after '\(name):'")) }
    var cause = CommonCause(kind: kind, value: value, product: nil)
    switch kind {
    case .product:
      switch ProductReference.parse(value) {
      case .success(let p): cause.product = p
      case .failure(let e): return .failure(.init(text: text, reason: e.reason))
      }
    case .cve:
      let parts = value.uppercased().split(separator: "-")
      guard parts.count == 3, parts[0] == "CVE", parts[1].count == 4, Int(parts[1]) != nil, parts[2].count >= 4, Int(parts[2]) != nil else {
        return .failure(.init(text: text, reason: "'\(value)' is not a CVE id (CVE-YYYY-NNNN)"))
      }
      cause.value = value.uppercased()
    case .vendor, .site, .hazard:
      break
    }
    return .success(cause)
  }

  /// What a CVE affects, from the dataset's threats and incidents that carry it and
  /// `knownExploited`: per entry, its vendors' keys (``VendorNames``) and its products'
  /// keys (``ProductReference/productKeys(_:)``).
  func affectedProducts(in dataset: Dataset, knownExploited: [KnownExploitedVulnerability]) -> [(vendors: Set<String>, products: [String])] {
    let names = VendorNames(known: knownExploited.map(\.vendor))
    var out: [(vendors: Set<String>, products: [String])] = []
    func add(vendor: String, product: String) {
      out.append((Set(names.keys(vendor)).union([ProductReference.normal(vendor)]), ProductReference.productKeys(product)))
    }
    func add(_ text: String) { if let p = try? ProductReference.parse(text).get() { add(vendor: p.vendor, product: p.product) } }
    for t in dataset.threats where t.identifiers.cve.contains(where: { $0.uppercased() == value }) { t.identifiers.products.forEach(add) }
    for i in dataset.incidents where i.identifiers.cve.contains(where: { $0.uppercased() == value }) { i.identifiers.products.forEach(add) }
    for k in knownExploited where k.cve.uppercased() == value { add(vendor: k.vendor, product: k.product) }
    return out
  }

  /// Whether a CVE's affected entries name an asset's product: the vendor's key is one of
  /// the entry's and one of its product keys names the product
  /// (``ProductReference/productKey(_:names:)``: over-inclusive, an asset that may be
  /// affected is exposed).
  static func affects(_ entries: [(vendors: Set<String>, products: [String])], _ p: ProductReference) -> Bool {
    let vendor = VendorNames.compact(VendorNames.key(p.vendor))
    let product = ProductReference.normal(p.product)
    return entries.contains { e in
      e.vendors.contains { VendorNames.compact($0) == vendor } && e.products.contains { ProductReference.productKey($0, names: product) }
    }
  }

  /// The ids of the assets the cause takes out, sorted.
  ///
  /// - Parameters:
  ///   - dataset: the model whose assets are matched.
  ///   - knownExploited: the KEV catalogue's entries, for `cve:` (optional).
  ///   - advisories: CSAF advisories, for `cve:` (optional): where one names the asset's
  ///     product for the CVE, its product status and version ranges decide.
  public func assets(
    in dataset: Dataset, knownExploited: [KnownExploitedVulnerability] = [], advisories: [SecurityAdvisory] = []
  ) -> [String] {
    let hazardSites = Set(dataset.sites.filter { $0.hazards.contains(value) }.map(\.id))
    let normalValue = VendorNames.compact(VendorNames.key(value))
    let cveProducts = kind == .cve ? affectedProducts(in: dataset, knownExploited: knownExploited) : []
    let relevant = kind == .cve ? advisories.filter { $0.cves.contains { $0.uppercased() == value } } : []
    let names = VendorNames(known: relevant.flatMap(\.vendors))
    // A CSAF advisory that names the product for the CVE decides, version by version
    // (affected, or a version it cannot place: exposed; fixed or not affected: not);
    // otherwise the names of KEV, the threats and the incidents do.
    func exposed(_ p: ProductReference) -> Bool {
      let statuses = relevant.flatMap { $0.statuses(of: p, names: names) }.filter { $0.cve.uppercased() == value }
      if !statuses.isEmpty { return statuses.contains { $0.status == nil || $0.status == .affected } }
      return Self.affects(cveProducts, p)
    }
    return dataset.assets.filter { a in
      switch kind {
      case .product:
        guard let wanted = product else { return false }
        return a.productReferences.contains { p in
          p.key == wanted.key && (wanted.version == nil || p.version == nil || p.version == wanted.version)
        }
      case .vendor:
        return a.vendors.contains { VendorNames.compact(VendorNames.key($0)) == normalValue }
          || a.productReferences.contains { VendorNames.compact(VendorNames.key($0.vendor)) == normalValue }
      case .site:
        return a.site == value
      case .hazard:
        return a.site.map(hazardSites.contains) ?? false
      case .cve:
        return a.productReferences.contains(where: exposed)
      }
    }.map(\.id).sorted()
  }

  /// The scenario: every asset of ``assets(in:knownExploited:advisories:)`` fails at `startHours`
  /// for `durationHours` (nil: not restored within the scenario), with probability 1
  /// (see the type's notes for a probability). Its id is `common-cause:KIND:VALUE`.
  ///
  /// - Parameters:
  ///   - dataset: the model whose assets are matched.
  ///   - startHours: when the assets fail (≥ 0).
  ///   - durationHours: how long they stay out (nil: not restored).
  ///   - knownExploited: the KEV catalogue's entries, for `cve:` (optional).
  ///   - advisories: CSAF advisories, for `cve:` (optional).
  /// - Returns: the scenario `common-cause:KIND:VALUE`.
  /// - Throws: ``DataError`` when no asset is taken out, naming what the dataset has
  ///   instead (its closest products, vendors, sites or zones), or for hours that are not
  ///   hours.
  public func scenario(
    in dataset: Dataset, startHours: Double = 0, durationHours: Double? = nil,
    knownExploited: [KnownExploitedVulnerability] = [], advisories: [SecurityAdvisory] = []
  ) throws(DataError) -> Scenario {
    let field = "--common-cause"
    guard startHours.isFinite, startHours >= 0 else {
      throw DataError([DataIssue(file: dataset.name, field: field, reason: "the start \(startHours) h is not a number of hours ≥ 0")])
    }
    if let d = durationHours, !(d.isFinite && d > 0) {
      throw DataError([DataIssue(file: dataset.name, field: field, reason: "the duration \(d) h is not a number of hours > 0")])
    }
    let hit = assets(in: dataset, knownExploited: knownExploited, advisories: advisories)
    guard !hit.isEmpty else {
      throw DataError([DataIssue(file: dataset.name, field: field, reason: "no asset is taken out by \(self)", hint: nearest(in: dataset))])
    }
    let events = hit.map { ScenarioEvent(target: .node($0), startHours: startHours, durationHours: durationHours) }
    let what: String
    switch kind {
    case .product: what = "Every asset running \(value)"
    case .vendor: what = "Every asset depending on the vendor or service provider \(value)"
    case .site: what = "Every asset at site \(value)"
    case .hazard: what = "Every asset in hazard zone \(value)"
    case .cve: what = "Every asset running a product affected by \(value)"
    }
    return Scenario(
      id: "common-cause:\(self)", name: "Common cause \(self)",
      description: "\(what) (\(hit.count) asset\(hit.count == 1 ? "" : "s")) fails at \(Self.hours(startHours))"
        + (durationHours.map { " for \(Self.hours($0))" } ?? ", not restored within the scenario"),
      source: "assumption: a common-cause scenario stated on the command line", events: events)
  }

  /// `24 h`, `1.5 h`.
  static func hours(_ h: Double) -> String {
    h == h.rounded() && abs(h) < 1e15 ? "\(Int(h)) h" : "\(h) h"
  }

  /// What the dataset has of the cause's kind, for the error: up to 8 values, those
  /// sharing most characters with the value first.
  func nearest(in dataset: Dataset) -> String {
    var values = Set<String>()
    switch kind {
    case .product, .cve: for a in dataset.assets { for p in a.productReferences { values.insert(p.key) } }
    case .vendor:
      for a in dataset.assets {
        for v in a.vendors { values.insert(VendorNames.key(v)) }
        for p in a.productReferences { values.insert(VendorNames.key(p.vendor)) }
      }
    case .site: values = Set(dataset.sites.map(\.id)).union(dataset.assets.compactMap(\.site))
    case .hazard: for s in dataset.sites { values.formUnion(s.hazards) }
    }
    guard !values.isEmpty else {
      switch kind {
      case .product, .cve: return "no asset of the dataset names its products (Docs/DatasetFormat.md, assets.products)"
      case .vendor: return "no asset of the dataset names its vendors or products"
      case .site: return "no asset of the dataset names its site"
      case .hazard: return "no site of the dataset names its hazard zones"
      }
    }
    if kind == .cve {
      return "no product of the dataset's assets is known to be affected by \(value): the products a CVE affects come from the dataset's threats and incidents that carry it, and the KEV catalogue (--kev)"
    }
    let wanted = kind == .product ? (product?.key ?? value) : kind == .vendor ? VendorNames.key(value) : value
    let letters = Set(wanted.lowercased())
    let ranked = values.sorted { a, b in
      let sa = Set(a.lowercased()).intersection(letters).count
      let sb = Set(b.lowercased()).intersection(letters).count
      return (sa, b) > (sb, a)
    }
    return "the dataset has \(kind.rawValue == "cve" ? "products" : kind.rawValue + "s") such as " + ranked.prefix(8).joined(separator: ", ")
      + (ranked.count > 8 ? " (\(ranked.count) in all)" : "")
  }
}

/// Why a common cause cannot be read.
public struct CommonCauseError: Error, Sendable, Hashable, CustomStringConvertible {
  public var text: String
  public var reason: String
  public var description: String { "'\(text)': \(reason)" }
}

extension Scenario {
  /// Hours of full outage per sector within `horizon`, as the inoperability model reads a
  /// scenario: each event on a sector or asset counts its hours (to the end of the event or
  /// the horizon), weighted by its probability and, for an asset, by its share of the
  /// sector's assets (an asset is an equal share of its sector); at most the horizon.
  /// Divided by the horizon, it is the perturbation c* of each sector.
  ///
  /// - Parameters:
  ///   - dataset: the model (its sectors and assets).
  ///   - horizon: the hours the measures cover (a ``ScenarioAnalysis``'s `horizon`).
  public func sectorOutageHours(in dataset: Dataset, horizon: Double) -> [String: Double] {
    let sectorIDs = Set(dataset.sectors.map(\.id))
    var assetCount: [String: Int] = [:]
    var sectorOfAsset: [String: String] = [:]
    for a in dataset.assets {
      assetCount[a.sector, default: 0] += 1
      sectorOfAsset[a.id] = a.sector
    }
    var outage: [String: Double] = [:]
    for e in events {
      guard case .node(let id) = e.target else { continue }
      let isSector = sectorIDs.contains(id)
      guard let sector = isSector ? id : sectorOfAsset[id] else { continue }
      let share = isSector ? 1 : 1 / Double(max(1, assetCount[sector] ?? 1))
      let hours = min(e.durationHours ?? horizon, max(0, horizon - e.startHours))
      outage[sector] = min(horizon, outage[sector, default: 0] + share * e.probability * hours)
    }
    return outage
  }
}
