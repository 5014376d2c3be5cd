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
    let t = text.trimmingCharacters(in: .whitespaces)
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
    guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty, !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else {
      return .failure(.init(
        text: text, reason: "not a product: give a CPE 2.3 name (cpe:2.3:…), a package URL (pkg:…) or vendor/product[@version]"))
    }
    return .success(ProductReference(
      form: .plain, vendor: parts[0].trimmingCharacters(in: .whitespaces), product: parts[1].trimmingCharacters(in: .whitespaces),
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
