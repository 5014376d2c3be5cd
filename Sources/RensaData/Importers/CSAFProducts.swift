/// A product an advisory names in its product tree (CSAF 2.0 §3.1.2: branches `vendor` →
/// `product_name` → `product_version` or `product_version_range`, whose leaf carries the
/// `product_id` that the vulnerabilities' `product_status` lists).
public struct AdvisoryProduct: Sendable, Hashable {
  public var id: String
  public var vendor: String
  public var product: String
  public var versions: VersionRange
}

/// The status of a product for one CVE of an advisory (CSAF 2.0 §3.2.3.9): affected
/// (`known_affected`, `first_affected`, `last_affected`), fixed (`fixed`,
/// `first_fixed`) or not affected (`known_not_affected`).
public enum ProductStatus: String, Sendable, Hashable, Comparable {
  case affected, fixed, notAffected = "not-affected"
  public static func < (a: ProductStatus, b: ProductStatus) -> Bool {
    [ProductStatus.affected, .fixed, .notAffected].firstIndex(of: a)! < [ProductStatus.affected, .fixed, .notAffected].firstIndex(of: b)!
  }
}

/// The versions a product entry covers: one version, every version, or constraints as
/// CSAF writes them — the `vers` form (`vers:all/<V2.3.1`, `vers:generic/>=1.0|<2.0`) and
/// the free forms of the CISA feed (`< V4.1`, `<= 2.3`, `>= 1.2 | <= 2.0`, `>= V1.2 < V2.0`,
/// `All versions < V3.1`, `All versions`). Constraints are all required (a range between
/// bounds); a constraint that cannot be read makes the range unreadable, which
/// ``contains(_:)`` answers with nil (unknown: an asset counts as exposed).
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
  public enum Comparator: String, Sendable, Hashable { case lt = "<", le = "<=", gt = ">", ge = ">=", eq = "=", ne = "!=" }
  /// nil: every version; empty with `unreadable`: not understood.
  public var constraints: [(comparator: Comparator, version: String)]?
  public var unreadable: Bool
  public var text: String
  public var description: String { text }

  public static func == (a: VersionRange, b: VersionRange) -> Bool { a.text == b.text }
  public func hash(into h: inout Hasher) { h.combine(text) }

  /// One version.
  public static func exactly(_ version: String) -> VersionRange {
    VersionRange(constraints: [(.eq, version)], unreadable: false, text: version)
  }

  /// Reads a `product_version_range`.
  public init(range text: String) {
    self.text = text
    var t = text.trimmingSpaces()
    if t.lowercased().hasPrefix("vers:"), let slash = t.firstIndex(of: "/") { t = String(t[t.index(after: slash)...]) }
    if t.lowercased().hasPrefix("all versions") { t = String(t.dropFirst("all versions".count)).trimmingSpaces() }
    if t.isEmpty || t == "*" {
      constraints = nil
      unreadable = false
      return
    }
    // Tokens: comparators and versions, split at `|`, spaces and where a comparator starts.
    var parsed: [(Comparator, String)] = []
    var bad = false
    var rest = Substring(t.replacingOccurrences(of: "|", with: " "))
    while true {
      rest = rest.drop { $0 == " " }
      if rest.isEmpty { break }
      var comparator: Comparator = .eq
      for c in [Comparator.le, .ge, .ne, .lt, .gt, .eq] where rest.hasPrefix(c.rawValue) {
        comparator = c
        rest = rest.dropFirst(c.rawValue.count).drop { $0 == " " }
        break
      }
      let version = rest.prefix { $0 != " " && $0 != "<" && $0 != ">" && $0 != "=" && $0 != "!" }
      rest = rest.dropFirst(version.count)
      if version.isEmpty || !version.contains(where: \.isNumber) {
        bad = true
        break
      }
      parsed.append((comparator, String(version)))
    }
    constraints = bad ? [] : parsed
    unreadable = bad || parsed.isEmpty
  }

  init(constraints: [(comparator: Comparator, version: String)]?, unreadable: Bool, text: String) {
    self.constraints = constraints
    self.unreadable = unreadable
    self.text = text
  }

  /// Whether `version` is in the range; nil when the range cannot be read.
  public func contains(_ version: String) -> Bool? {
    if unreadable { return nil }
    guard let constraints else { return true }
    let equals = constraints.filter { $0.comparator == .eq }
    if !equals.isEmpty && equals.count == constraints.count {
      return equals.contains { Self.compare(version, $0.version) == 0 }
    }
    return constraints.allSatisfy { c in
      let o = Self.compare(version, c.version)
      switch c.comparator {
      case .lt: return o < 0
      case .le: return o <= 0
      case .gt: return o > 0
      case .ge: return o >= 0
      case .eq: return o == 0
      case .ne: return o != 0
      }
    }
  }

  /// Compares versions as vendors write them: a leading `V` dropped, then piece by piece
  /// (digits as numbers, letters as text; a missing piece is 0): `V2.10` > `2.9`,
  /// `1.0` = `1`, `2.3.HW1` > `2.3`.
  public static func compare(_ a: String, _ b: String) -> Int {
    let x = pieces(a)
    let y = pieces(b)
    for i in 0..<max(x.count, y.count) {
      let p = i < x.count ? x[i] : "0"
      let q = i < y.count ? y[i] : "0"
      if let m = Int(p), let n = Int(q) {
        if m != n { return m < n ? -1 : 1 }
      } else if p.lowercased() != q.lowercased() {
        return p.lowercased() < q.lowercased() ? -1 : 1
      }
    }
    return 0
  }

  static func pieces(_ v: String) -> [String] {
    var s = Substring(v.trimmingSpaces())
    if let first = s.first, first == "V" || first == "v", s.dropFirst().first?.isNumber == true { s = s.dropFirst() }
    var out: [String] = []
    var current = ""
    var digits: Bool? = nil
    for ch in s {
      if ch.isLetter || ch.isNumber {
        let d = ch.isNumber
        if let digits, digits != d, !current.isEmpty {
          out.append(current)
          current = ""
        }
        digits = d
        current.append(ch)
      } else {
        if !current.isEmpty { out.append(current) }
        current = ""
        digits = nil
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }
}

extension SecurityAdvisory {
  /// The advisory's statuses for a product an asset runs (vendor and product as
  /// ``VendorNames`` and ``ProductReference/productKeys(_:)`` compare them; the version
  /// against each entry's version or range): for each CVE, the product's status; nil
  /// where the advisory lists the product as affected but the asset's version is not
  /// stated or the range cannot be read (then it may be affected); not affected where the
  /// advisory names the product for the CVE but none of its entries covers the version.
  /// CVEs whose entries do not name the product are left out.
  ///
  /// - Parameters:
  ///   - p: the product an asset runs.
  ///   - names: the vendor names of the corpus, to split multi-vendor strings.
  public func statuses(of p: ProductReference, names: VendorNames = VendorNames()) -> [(cve: String, status: ProductStatus?)] {
    let vendor = VendorNames.compact(VendorNames.key(p.vendor))
    let product = ProductReference.normal(p.product)
    // Entries naming the product, and whether the asset's version is in each.
    var inEntry: [String: Bool?] = [:]
    for e in treeProducts {
      guard names.keys(e.vendor).contains(where: { VendorNames.compact($0) == vendor }) || VendorNames.compact(VendorNames.key(e.vendor)) == vendor,
        ProductReference.productKeys(e.product).contains(where: { ProductReference.productKey($0, names: product) })
      else { continue }
      inEntry[e.id] = p.version.flatMap { e.versions.contains($0) }
    }
    guard !inEntry.isEmpty else { return [] }
    var out: [(cve: String, status: ProductStatus?)] = []
    for (cve, entries) in productStatus.sorted(by: { $0.key < $1.key }) {
      var best: ProductStatus?? = .none
      var named = false
      for (id, status) in entries {
        guard let included = inEntry[id] else { continue }
        named = true
        switch included {
        case .some(true):
          // A version in the entry: its status (affected wins over fixed and not affected).
          if case .some(let b) = best, let b, b <= status { continue }
          best = .some(status)
        case .some(false): continue
        case .none:
          // Unknown version (or range): affected entries make it possibly affected.
          if status == .affected {
            if case .some(.some(let b)) = best, b == .affected { continue }
            best = .some(nil)
          }
        }
      }
      if case .some(let status) = best {
        out.append((cve, status))
      } else if named {
        // The advisory names the product for this CVE, but no entry covers the version:
        // the vendor's statement leaves it out.
        out.append((cve, .notAffected))
      }
    }
    return out
  }
}
