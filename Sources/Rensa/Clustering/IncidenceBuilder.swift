import RensaLinearAlgebra

/// What a column of a sector × threat matrix stands for.
public enum ThreatFeature: String, Sendable, Hashable, CaseIterable {
  /// The plan's four threat types (intentional, accidental, disaster, secondary).
  case threatType = "threat-type"
  /// The catalogue threat an incident was attributed to.
  case threat
  /// ATT&CK technique ids.
  case technique
  /// CWE ids.
  case cwe
  /// CVE ids.
  case cve
  /// Vendor products (a product used in several sectors is a common-mode threat).
  case product
}

extension IncidenceMatrix {
  /// Sectors × threats from a dataset's incidents: cell (s, t) counts the incidents of
  /// sector s with threat feature t (or is 1 when `binary`), over the years in `years`
  /// (all when nil). Every sector of the dataset is a row, in dataset order (sectors
  /// without such incidents are empty rows); features appear in order of first use.
  public static func sectorsByThreat(
    _ dataset: Dataset, feature: ThreatFeature, years: ClosedRange<Int>? = nil, binary: Bool = false
  ) -> IncidenceMatrix {
    let sectors = dataset.sectors.map(\.id)
    var sectorIndex: [String: Int] = [:]
    for (i, s) in sectors.enumerated() { sectorIndex[s] = i }
    var features: [String] = []
    var featureIndex: [String: Int] = [:]
    var cells: [Int: [Int: Double]] = [:]
    for incident in dataset.incidents {
      if let years, !years.contains(incident.occurred.year) { continue }
      guard let i = sectorIndex[incident.sector] else { continue }
      let keys: [String]
      switch feature {
      case .threatType: keys = [incident.threatType.rawValue]
      case .threat: keys = incident.threat.map { [$0] } ?? []
      case .technique: keys = incident.identifiers.attack
      case .cwe: keys = incident.identifiers.cwe
      case .cve: keys = incident.identifiers.cve
      case .product: keys = incident.identifiers.products
      }
      for key in Set(keys).sorted() {
        let j = featureIndex[key] ?? {
          featureIndex[key] = features.count
          features.append(key)
          return features.count - 1
        }()
        cells[i, default: [:]][j, default: 0] += 1
      }
    }
    var m = Matrix(rows: sectors.count, columns: features.count)
    for (i, row) in cells { for (j, v) in row { m[i, j] = binary ? 1 : v } }
    return IncidenceMatrix(entities: sectors, features: features, weights: m)
  }
}

extension IncidenceMatrix {
  /// Which ATT&CK objects are the entities of an ATT&CK incidence matrix.
  public enum AttackEntities: String, Sendable, Hashable, CaseIterable {
    /// Groups × the techniques they use.
    case groups
    /// Software × the techniques it uses.
    case software
    /// Campaigns × the techniques they use.
    case campaigns
    /// ICS assets × the techniques that target them.
    case assets
  }

  /// An ATT&CK knowledge base as entities × techniques (0/1): groups, software or
  /// campaigns by their `uses` relationships, or assets by the techniques' `targets`
  /// relationships. Rows and columns are labelled `ID name`, in bundle order;
  /// entities with no technique are kept as empty rows.
  public static func attack(_ kb: AttackKnowledgeBase, entities: AttackEntities) -> IncidenceMatrix {
    let kind: AttackObject.Kind
    switch entities {
    case .groups: kind = .group
    case .software: kind = .software
    case .campaigns: kind = .campaign
    case .assets: kind = .asset
    }
    let rows = kb.objects(kind)
    let techniques = kb.objects(.technique)
    var rowIndex: [String: Int] = [:]
    for (i, o) in rows.enumerated() { rowIndex[o.id] = i }
    var columnIndex: [String: Int] = [:]
    for (j, o) in techniques.enumerated() { columnIndex[o.id] = j }
    var m = Matrix(rows: rows.count, columns: techniques.count)
    if entities == .assets {
      for r in kb.relationships("targets", from: .technique, to: .asset) {
        if let i = rowIndex[r.target], let j = columnIndex[r.source] { m[i, j] = 1 }
      }
    } else {
      for r in kb.relationships("uses", from: kind, to: .technique) {
        if let i = rowIndex[r.source], let j = columnIndex[r.target] { m[i, j] = 1 }
      }
    }
    return IncidenceMatrix(
      entities: rows.map { "\($0.id) \($0.name)" }, features: techniques.map { "\($0.id) \($0.name)" }, weights: m)
  }
}

extension IncidenceMatrix {
  /// The rows of an advisory incidence matrix.
  public enum AdvisoryRows: String, Sendable, Hashable, CaseIterable {
    /// CISA's critical-infrastructure sectors named by the advisories.
    case cisaSectors = "cisa-sectors"
    /// The plan's sectors they map to.
    case planSectors = "plan-sectors"
    /// One row per advisory.
    case advisories
  }

  /// The columns of an advisory incidence matrix.
  public enum AdvisoryFeatures: String, Sendable, Hashable, CaseIterable {
    case cwe, vendor, product, cve
  }

  /// ICS advisories (``CSAFImporter``) as sectors (or advisories) × weaknesses, vendors,
  /// products or CVEs. A sector row counts the advisories that name both the sector and
  /// the feature; an advisory row is 0/1. `years` keeps advisories released in those
  /// years.
  ///
  /// "Multiple Sectors" advisories (one vendor labels most of its advisories so after
  /// 2021, which inflates every sector's counts) are kept or dropped by
  /// `excludingMultipleSectors`; the returned note says how many there were either way.
  public static func advisories(
    _ advisories: [SecurityAdvisory], rows: AdvisoryRows, features: AdvisoryFeatures, years: ClosedRange<Int>? = nil,
    excludingMultipleSectors: Bool = false
  ) -> (matrix: IncidenceMatrix, note: String) {
    var rowIDs: [String] = []
    var rowIndex: [String: Int] = [:]
    var featureIDs: [String] = []
    var featureIndex: [String: Int] = [:]
    var cells: [Int: [Int: Double]] = [:]
    var multiple = 0
    var used = 0
    for a in advisories {
      if let years, !years.contains(a.released.year) { continue }
      if a.multipleSectors {
        multiple += 1
        if excludingMultipleSectors { continue }
      }
      used += 1
      let keys: [String]
      switch features {
      case .cwe: keys = a.cwes
      case .vendor: keys = a.vendors
      case .product: keys = a.products
      case .cve: keys = a.cves
      }
      let names: [String]
      switch rows {
      case .cisaSectors: names = a.cisaSectors
      case .planSectors: names = a.sectors
      case .advisories: names = [a.id]
      }
      for name in Set(names).sorted() {
        let i = rowIndex[name] ?? {
          rowIndex[name] = rowIDs.count
          rowIDs.append(name)
          return rowIDs.count - 1
        }()
        for key in Set(keys).sorted() {
          let j = featureIndex[key] ?? {
            featureIndex[key] = featureIDs.count
            featureIDs.append(key)
            return featureIDs.count - 1
          }()
          cells[i, default: [:]][j, default: 0] = rows == .advisories ? 1 : (cells[i]?[j] ?? 0) + 1
        }
      }
    }
    var m = Matrix(rows: rowIDs.count, columns: featureIDs.count)
    for (i, row) in cells { for (j, v) in row { m[i, j] = v } }
    let period = years.map { " released \($0.lowerBound)–\($0.upperBound)" } ?? ""
    let note =
      "\(used) advisories\(period); \(multiple) say \"Multiple Sectors\""
      + (excludingMultipleSectors ? " and are left out" : " and are counted for every sector they name (--exclude-multiple-sectors leaves them out)")
    return (IncidenceMatrix(entities: rowIDs, features: featureIDs, weights: m), note)
  }
}

extension IncidenceMatrix {
  /// The matrix restricted to the features in `keep` (e.g. the CVEs of CISA's Known
  /// Exploited Vulnerabilities catalogue), in their current order; rows stay.
  public func keepingFeatures(_ keep: Set<String>) -> IncidenceMatrix {
    let columns = features.indices.filter { keep.contains(features[$0]) }
    var m = Matrix(rows: entities.count, columns: columns.count)
    for (b, j) in columns.enumerated() { for i in 0..<entities.count { m[i, b] = weights[i, j] } }
    return IncidenceMatrix(entities: entities, features: columns.map { features[$0] }, weights: m)
  }
}
