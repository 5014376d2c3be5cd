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
    var out = JSONBytes()
    write(into: &out, pretty: pretty, indent: 0)
    return String(decoding: out.bytes, as: UTF8.self)
  }

  /// Writes the value into `out` (compact, or indented by two spaces per level).
  package func write(into out: inout JSONBytes, pretty: Bool, indent: Int) {
    func newline(_ level: Int) {
      guard pretty else { return }
      out.byte(0x0A)
      for _ in 0..<level { out.ascii("  ") }
    }
    switch self {
    case .null: out.ascii("null")
    case .bool(let b): if b { out.ascii("true") } else { out.ascii("false") }
    case .int(let i): out.int(i)
    case .double(let d): out.double(d)
    case .string(let s): out.string(s)
    case .array(let items):
      if items.isEmpty {
        out.ascii("[]")
        return
      }
      out.byte(0x5B)
      for (i, item) in items.enumerated() {
        if i > 0 { out.byte(0x2C) }
        newline(indent + 1)
        item.write(into: &out, pretty: pretty, indent: indent + 1)
      }
      newline(indent)
      out.byte(0x5D)
    case .object(let pairs):
      if pairs.isEmpty {
        out.ascii("{}")
        return
      }
      out.byte(0x7B)
      for (i, (key, value)) in pairs.enumerated() {
        if i > 0 { out.byte(0x2C) }
        newline(indent + 1)
        out.string(key)
        if pretty { out.ascii(": ") } else { out.byte(0x3A) }
        value.write(into: &out, pretty: pretty, indent: indent + 1)
      }
      newline(indent)
      out.byte(0x7D)
    }
  }
}
