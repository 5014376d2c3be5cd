import InternalRensaUtilities
import Foundation

/// A product an asset runs, as the dataset names it: a CPE 2.3 formatted string
/// (`cpe:2.3:h:siemens:scalance_s602:4.1:*:*:*:*:*:*:*`), a package URL
/// (`pkg:npm/%40angular/core@16.2.0`), or `vendor/product` with an optional `@version`.
///
/// Vendors and products are compared by ``key``: lower case, with `_`, `-`, spaces and
/// runs of them made one `_`, as CPE dictionaries write them (`General Electric` and
/// `general_electric` are one vendor).
public struct ProductReference: Sendable, Hashable {
  public enum Form: String, Sendable, Hashable { case cpe, purl, plain }
  public var form: Form
  public var vendor: String
  public var product: String
  /// nil: any version (CPE `*` or `-`, or none given).
  public var version: String?
  /// The text as given.
  public var text: String

  /// `vendor/product`, normalised: what two references must share to be one product.
  public var key: String { Self.normal(vendor) + "/" + Self.normal(product) }
  /// The vendor, normalised.
  public var vendorKey: String { Self.normal(vendor) }

  /// Lower case; `_`, `-`, `.`-free separators and spaces folded into `_`.
  public static func normal(_ s: String) -> String {
    var out = ""
    var separator = false
    for ch in s.lowercased() {
      if ch == "_" || ch == "-" || ch == " " || ch == "\t" {
        separator = !out.isEmpty
        continue
      }
      if separator { out.append("_") }
      separator = false
      out.append(ch)
    }
    return out
  }

  /// Reads one reference; the error says what is wrong with it.
  public static func parse(_ text: String) -> Result<ProductReference, ProductReferenceError> {
    let t = text.trimmingSpaces()
    if t.lowercased().hasPrefix("cpe:") { return parseCPE(t) }
    if t.lowercased().hasPrefix("pkg:") { return parsePURL(t) }
    // vendor/product[@version]
    var body = Substring(t)
    var version: String? = nil
    if let at = body.lastIndex(of: "@") {
      version = String(body[body.index(after: at)...])
      body = body[..<at]
      if version!.isEmpty { return .failure(.init(text: text, reason: "nothing after '@': give the version or leave '@' out")) }
    }
    let parts = body.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].trimmingSpaces().isEmpty, !parts[1].trimmingSpaces().isEmpty else {
      return .failure(.init(
        text: text, reason: "not a product: give a CPE 2.3 name (cpe:2.3:…), a package URL (pkg:…) or vendor/product[@version]"))
    }
    return .success(ProductReference(
      form: .plain, vendor: parts[0].trimmingSpaces(), product: parts[1].trimmingSpaces(),
      version: version, text: text))
  }

  /// CPE 2.3 formatted string: 13 components separated by unescaped `:`
  /// (NISTIR 7695, §6.2): `cpe:2.3:part:vendor:product:version:update:edition:language:
  /// sw_edition:target_sw:target_hw:other`, part `a`, `o` or `h`.
  static func parseCPE(_ t: String) -> Result<ProductReference, ProductReferenceError> {
    var components: [String] = []
    var current = ""
    var escaped = false
    for ch in t {
      if escaped {
        current.append(ch)
        escaped = false
      } else if ch == "\\" {
        escaped = true
      } else if ch == ":" {
        components.append(current)
        current = ""
      } else {
        current.append(ch)
      }
    }
    components.append(current)
    guard components.count == 13, components[0].lowercased() == "cpe", components[1] == "2.3" else {
      return .failure(.init(
        text: t,
        reason: "a CPE 2.3 name has 13 parts (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other), this one \(components.count)"
          + (components.count > 1 && components[1] != "2.3" ? " and version \(components[1])" : "")))
    }
    guard ["a", "o", "h"].contains(components[2].lowercased()) else {
      return .failure(.init(text: t, reason: "the part of a CPE name is a (application), o (operating system) or h (hardware), not '\(components[2])'"))
    }
    let vendor = components[3]
    let product = components[4]
    guard !vendor.isEmpty, vendor != "*", vendor != "-", !product.isEmpty, product != "*", product != "-" else {
      return .failure(.init(text: t, reason: "a CPE name of an asset's product names its vendor and product (not * or -)"))
    }
    let version = ["*", "-", ""].contains(components[5]) ? nil : components[5]
    return .success(ProductReference(form: .cpe, vendor: vendor, product: product, version: version, text: t))
  }

  /// Package URL (purl-spec): `pkg:type/namespace/name@version?qualifiers#subpath`; the
  /// namespace (its last segment) is taken as the vendor, or the type when there is none.
  static func parsePURL(_ t: String) -> Result<ProductReference, ProductReferenceError> {
    var rest = Substring(t.dropFirst(4))
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }
    var version: String? = nil
    if let at = rest.lastIndex(of: "@") {
      version = String(rest[rest.index(after: at)...]).removingPercentEncoding
      rest = rest[..<at]
    }
    let segments = rest.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    guard segments.count >= 2, !segments[0].isEmpty, segments.allSatisfy({ !$0.isEmpty }) else {
      return .failure(.init(text: t, reason: "a package URL is pkg:type/[namespace/]name[@version]"))
    }
    let type = segments[0]
    guard type.first?.isLetter == true, type.allSatisfy({ $0.isLetter || $0.isNumber || ".+-".contains($0) }) else {
      return .failure(.init(text: t, reason: "the type of a package URL is letters, digits, '.', '+' or '-', not '\(type)'"))
    }
    let name = segments[segments.count - 1]
    let vendor = segments.count > 2 ? segments[segments.count - 2] : type
    return .success(ProductReference(form: .purl, vendor: vendor, product: name, version: version, text: t))
  }
}

/// Why a product reference cannot be read.
public struct ProductReferenceError: Error, Sendable, Hashable {
  public var text: String
  public var reason: String
}

/// A named location of assets: coordinates when known, and the hazard zones it lies in
/// (flood, seismic, tsunami, … zones as the dataset names them).
public struct Site: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  public var nameJa: String?
  /// WGS 84 degrees.
  public var latitude: Double?
  public var longitude: Double?
  /// Hazard zones, e.g. `flood:arakawa-l2`, `seismic:tokyo-inland`.
  public var hazards: [String]

  public init(id: String, name: String, nameJa: String? = nil, latitude: Double? = nil, longitude: Double? = nil, hazards: [String] = []) {
    self.id = id
    self.name = name
    self.nameJa = nameJa
    self.latitude = latitude
    self.longitude = longitude
    self.hazards = hazards
  }
}

/// Vendor names as advisories and catalogues write them, made comparable: CSAF product
/// trees and the KEV catalogue name one vendor several ways ("Schneider Electric",
/// "Schneider Electric " and "Schneider Electric Software, LLC"; "General Electric (GE)")
/// and several vendors in one string ("General Electric (GE) and Emerson", "ABB, Phoenix
/// Contact, Schneider Electric, Siemens, and WAGO").
///
/// ``key(_:)`` gives one vendor's key: its parentheses ("(GE)", "(formerly …)"), a trailing
/// ", a subsidiary of …" / ", an affiliate of …", and legal suffixes (Inc., LLC, Ltd, Co.,
/// GmbH, AG, S.A., …) are dropped, and what is left normalised as ``ProductReference/normal(_:)``
/// does. ``keys(_:)`` splits a string naming several vendors, at ", ", ", and " and " and ", but
/// only where **every** part is a vendor known on its own (``init(known:)``): "Becton,
/// Dickinson and Company" stays one vendor because neither "Becton" nor "Dickinson" is one.
/// An alias in parentheses ("General Electric (GE)") makes "GE" a name of the vendor.
public struct VendorNames: Sendable {
  /// The keys of the vendors known on their own, and the aliases.
  public private(set) var known: Set<String>
  public private(set) var aliases: [String: String]

  /// - Parameter names: vendor names as a corpus writes them (every name is taken as
  ///   known when it does not split into known vendors).
  public init(known names: [String] = []) {
    known = []
    aliases = [:]
    // Single names first: a name is known on its own when it has no separator.
    for name in names {
      let (key, alias) = Self.keyAndAlias(name)
      guard !key.isEmpty else { continue }
      if Self.pieces(name).count == 1 { known.insert(key) }
      if let alias, alias != key { aliases[alias] = key }
    }
    // Then every name that does not split into known vendors is a vendor too.
    for name in names where Self.pieces(name).count > 1 && keys(name).count == 1 {
      let key = Self.key(name)
      if !key.isEmpty { known.insert(key) }
    }
  }

  static let legalSuffixes: Set<String> = [
    "inc", "incorporated", "llc", "ltd", "limited", "co", "corp", "corporation", "company_limited", "gmbh", "ag", "sa", "s_a",
    "bv", "b_v", "nv", "n_v", "plc", "kg", "co_kg", "gmbh_co_kg", "ab", "aktiebolag", "oy", "as", "a_s", "spa", "s_p_a", "srl",
    "s_r_l", "pte", "pty", "kk", "k_k", "sas", "se", "ltd_co",
  ]

  /// One vendor's key (see the type's notes); "" for a name of nothing but punctuation.
  public static func key(_ name: String) -> String { keyAndAlias(name).key }

  static func keyAndAlias(_ name: String) -> (key: String, alias: String?) {
    var text = name.replacingOccurrences(of: "\u{A0}", with: " ")
    var alias: String? = nil
    // Parentheses: an alias when short and alone ("(GE)"), otherwise a remark.
    while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
      let inside = String(text[text.index(after: open)..<close]).trimmingSpaces()
      if alias == nil, !inside.isEmpty, !inside.contains(" ") { alias = ProductReference.normal(cleaned(inside)) }
      text.removeSubrange(open...close)
    }
    if let open = text.firstIndex(of: "(") { text = String(text[..<open]) }  // an unclosed remark
    for remark in [", a subsidiary of", ", an affiliate of", " a subsidiary of", " an affiliate of", ", formerly", " formerly"] {
      if let r = text.range(of: remark, options: .caseInsensitive) { text = String(text[..<r.lowerBound]) }
    }
    var words = cleaned(text).split(separator: " ").map(String.init)
    // Drop legal suffixes at the end ("Co., Ltd." → "co ltd"; "GmbH & Co. KG").
    while let last = words.last {
      let w = ProductReference.normal(last)
      if legalSuffixes.contains(w) || w == "&" || w == "and" && words.count > 1 && legalSuffixes.contains(ProductReference.normal(words[words.count - 2])) {
        words.removeLast()
      } else {
        break
      }
    }
    return (ProductReference.normal(words.joined(separator: " ")), alias)
  }

  /// Letters, digits and inner `-`, `&`, `/`, `+` kept; other punctuation (`.,'"`) made space.
  static func cleaned(_ s: String) -> String {
    String(s.map { c in c.isLetter || c.isNumber || "-&/+".contains(c) ? c : " " })
  }

  /// The parts of a string naming several vendors, at ", ", ", and " and " and ".
  static func pieces(_ name: String) -> [String] {
    var parts: [String] = []
    for comma in name.components(separatedBy: ",") {
      for part in comma.components(separatedBy: " and ") {
        var p = part.trimmingSpaces()
        if p.lowercased().hasPrefix("and ") { p = String(p.dropFirst(4)) }
        if !p.isEmpty { parts.append(p) }
      }
    }
    return parts
  }

  /// A key without its separators, for comparing a vendor written in words with its CPE
  /// name ("Palo Alto Networks" and `paloaltonetworks`).
  public static func compact(_ key: String) -> String { key.replacingOccurrences(of: "_", with: "") }

  /// Whether two vendor names are one vendor: equal keys, or equal once the separators
  /// are left out (``compact(_:)``).
  public static func same(_ a: String, _ b: String) -> Bool { compact(key(a)) == compact(key(b)) }

  /// The key of each vendor a string names (see the type's notes), aliases resolved.
  public func keys(_ name: String) -> [String] {
    let parts = Self.pieces(name).map { Self.key($0) }.filter { !$0.isEmpty }
    if parts.count > 1 && parts.allSatisfy({ known.contains($0) || aliases[$0] != nil }) {
      var out: [String] = []
      for p in parts.map({ aliases[$0] ?? $0 }) where !out.contains(p) { out.append(p) }
      return out
    }
    let whole = Self.key(name)
    return whole.isEmpty ? [] : [aliases[whole] ?? whole]
  }
}

extension ProductReference {
  /// The products a catalogue's product string names, as keys: split at " / " (a family
  /// written once: "SCALANCE M-800 / S615" is `scalance_m_800` and `scalance_s615`) and,
  /// where the parts are single names, at " and " ("FortiOS and FortiProxy SSL-VPN" is
  /// `fortios` and `fortiproxy_ssl_vpn`); "V8.0 and earlier" is not split.
  public static func productKeys(_ text: String) -> [String] {
    let slashParts = text.components(separatedBy: " / ").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    var out: [String] = []
    let family = slashParts.first.flatMap { $0.split(separator: " ").first.map(String.init) }
    for (i, part) in slashParts.enumerated() {
      // A later part without the family word ("S615" after "SCALANCE M-800") takes it.
      let named = i > 0 && part.split(separator: " ").count == 1 && family != nil && !part.hasPrefix(family!) ? family! + " " + part : part
      let andParts = named.components(separatedBy: " and ")
      let splits =
        andParts.count > 1 && andParts.allSatisfy { p in
          let first = p.trimmingSpaces().split(separator: " ").first.map(String.init) ?? ""
          return first.first?.isUppercase == true && !["earlier", "newer", "later", "older", "prior", "the", "all"].contains(first.lowercased())
        }
      for p in splits ? andParts : [named] {
        let key = normal(VendorNames.cleaned(p).split(separator: " ").joined(separator: " "))
        if !key.isEmpty && !out.contains(key) { out.append(key) }
      }
    }
    return out
  }

  /// Whether a catalogue's product key names this product: equal, or the catalogue's is
  /// this product's key followed by a qualifier (`fortiproxy_ssl_vpn` names
  /// `fortiproxy`). Over-inclusive by design: an asset that may be affected is exposed.
  public static func productKey(_ catalogue: String, names product: String) -> Bool {
    catalogue == product || catalogue.hasPrefix(product + "_")
  }
}
