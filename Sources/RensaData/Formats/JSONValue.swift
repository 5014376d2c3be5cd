/// A JSON value with ordered object keys, serialised deterministically (the
/// same value always gives the same bytes), for machine-readable CLI output.
package indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

  /// A number as Rensa writes it: a whole number without a fraction, another in the
  /// shortest form that reads back exactly, `null` when it is not finite.
  package static func number(_ x: Double) -> JSONValue {
    guard x.isFinite else { return .null }
    return x == x.rounded() && abs(x) < 1e15 ? .int(Int(x)) : .double(x)
  }
  package func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

  /// Compact JSON text.
  package func serialized(pretty: Bool = false) -> String {
    var out = ""
    write(into: &out, pretty: pretty, indent: 0)
    return out
  }

  private func write(into out: inout String, pretty: Bool, indent: Int) {
    let newline = pretty ? "\n" + String(repeating: "  ", count: indent + 1) : ""
    let close = pretty ? "\n" + String(repeating: "  ", count: indent) : ""
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d):
      if d.isFinite {
        out += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) + ".0" : "\(d)"
      } else {
        out += "null"
      }
    case .string(let s): JSONValue.escape(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        out += newline
        item.write(into: &out, pretty: pretty, indent: indent + 1)
      }
      out += close + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, (key, value)) in pairs.enumerated() {
        if i > 0 { out += "," }
        out += newline
        JSONValue.escape(key, into: &out)
        out += pretty ? ": " : ":"
        value.write(into: &out, pretty: pretty, indent: indent + 1)
      }
      out += close + "}"
    }
  }

  static func escape(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
