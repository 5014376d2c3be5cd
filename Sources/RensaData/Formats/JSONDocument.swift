/// A parsed JSON document whose every value remembers the line it starts on, so that
/// validation can name the line of a bad field.
///
/// The parser is strict RFC 8259 JSON (no comments, no trailing commas), reads UTF-8,
/// and refuses nesting deeper than ``maximumDepth`` instead of exhausting the stack.
public struct JSONNode: Sendable {
  /// A JSON value.
  public indirect enum Value: Sendable {
    case null
    case bool(Bool)
    /// A number with its source text (so integers stay exact).
    case number(Double, text: String)
    case string(String)
    case array([JSONNode])
    /// Members in document order, each with the line of its key.
    case object([(key: String, line: Int, value: JSONNode)])
  }

  /// The value.
  public var value: Value
  /// 1-based line where the value starts.
  public var line: Int

  /// Nesting deeper than this is rejected.
  public static let maximumDepth = 256

  /// A short name of the value's type for messages ("a string", "an object", …).
  public var typeName: String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// Parses `text`.
  ///
  /// - Throws: ``DataError`` with the line and reason of the first syntax error.
  public static func parse(_ text: String, file: String) throws(DataError) -> JSONNode {
    var parser = Parser(bytes: Array(text.utf8), file: file)
    do throws(DataIssue) {
      parser.skipWhitespace()
      let node = try parser.parseValue(depth: 0)
      parser.skipWhitespace()
      if parser.index < parser.bytes.count { throw parser.error("unexpected text after the JSON value") }
      return node
    } catch {
      throw DataError([error])
    }
  }

  struct Parser {
    let bytes: [UInt8]
    let file: String
    var index = 0
    var line = 1

    func error(_ reason: String) -> DataIssue {
      DataIssue(file: file, line: line, reason: "invalid JSON: " + reason)
    }

    mutating func skipWhitespace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0D: index += 1
        case 0x0A:
          line += 1
          index += 1
        default: return
        }
      }
    }

    mutating func expect(_ literal: String) throws(DataIssue) {
      let begin = index
      for byte in literal.utf8 {
        guard index < bytes.count, bytes[index] == byte else {
          // Name the word found: "unexpected 'name:'" says more than "expected 'null'".
          var end = begin
          while end < bytes.count && end - begin < 16 && !Set<UInt8>([0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x5D, 0x7D]).contains(bytes[end]) {
            end += 1
          }
          let word = String(decoding: bytes[begin..<end], as: UTF8.self)
          throw error("unexpected '\(word)' (a value is an object, array, string, number, true, false or null)")
        }
        index += 1
      }
    }

    mutating func parseValue(depth: Int) throws(DataIssue) -> JSONNode {
      guard depth < JSONNode.maximumDepth else {
        throw error("nested deeper than \(JSONNode.maximumDepth) levels")
      }
      guard index < bytes.count else { throw error("unexpected end of input") }
      let start = line
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var members: [(key: String, line: Int, value: JSONNode)] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
          index += 1
          return JSONNode(value: .object(members), line: start)
        }
        while true {
          skipWhitespace()
          guard index < bytes.count else { throw error("unexpected end of input (an object is not closed by '}')") }
          guard bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
          let keyLine = line
          let key = try parseString()
          skipWhitespace()
          try expect(":")
          skipWhitespace()
          let value = try parseValue(depth: depth + 1)
          members.append((key, keyLine, value))
          skipWhitespace()
          guard index < bytes.count else { throw error("unexpected end of input inside an object") }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          if bytes[index] == UInt8(ascii: "}") {
            index += 1
            return JSONNode(value: .object(members), line: start)
          }
          throw error(index >= bytes.count ? "unexpected end of input (an object is not closed by '}')" : "expected ',' or '}' after an object member")
        }
      case UInt8(ascii: "["):
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
          index += 1
          return JSONNode(value: .array(items), line: start)
        }
        while true {
          skipWhitespace()
          items.append(try parseValue(depth: depth + 1))
          skipWhitespace()
          guard index < bytes.count else { throw error("unexpected end of input inside an array") }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          if bytes[index] == UInt8(ascii: "]") {
            index += 1
            return JSONNode(value: .array(items), line: start)
          }
          throw error(index >= bytes.count ? "unexpected end of input (an array is not closed by ']')" : "expected ',' or ']' after an array element")
        }
      case UInt8(ascii: "\""):
        return JSONNode(value: .string(try parseString()), line: start)
      case UInt8(ascii: "t"):
        try expect("true")
        return JSONNode(value: .bool(true), line: start)
      case UInt8(ascii: "f"):
        try expect("false")
        return JSONNode(value: .bool(false), line: start)
      case UInt8(ascii: "n"):
        try expect("null")
        return JSONNode(value: .null, line: start)
      default:
        return JSONNode(value: try parseNumber(), line: start)
      }
    }

    mutating func parseNumber() throws(DataIssue) -> Value {
      let begin = index
      if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
      func digits() -> Int {
        let s = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        return index - s
      }
      let integerDigits = digits()
      guard integerDigits > 0 else { throw error("unexpected character '\(Character(Unicode.Scalar(bytes[begin])))'") }
      if integerDigits > 1 && bytes[index - integerDigits] == UInt8(ascii: "0") {
        throw error("numbers may not have leading zeros")
      }
      if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard digits() > 0 else { throw error("expected digits after the decimal point") }
      }
      if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
        index += 1
        if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
        guard digits() > 0 else { throw error("expected digits in the exponent") }
      }
      let text = String(decoding: bytes[begin..<index], as: UTF8.self)
      guard let value = Double(text), value.isFinite else { throw error("number '\(text)' is out of range") }
      return .number(value, text: text)
    }

    mutating func parseString() throws(DataIssue) -> String {
      index += 1  // opening quote
      var scalars = String.UnicodeScalarView()
      var run = index
      func flush(_ upTo: Int) {
        if upTo > run { scalars.append(contentsOf: String(decoding: bytes[run..<upTo], as: UTF8.self).unicodeScalars) }
      }
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          flush(index)
          index += 1
          return String(scalars)
        }
        if byte < 0x20 {
          throw error(byte == 0x0A ? "unterminated string (a line break inside quotes)" : "control character inside a string")
        }
        if byte == UInt8(ascii: "\\") {
          flush(index)
          index += 1
          guard index < bytes.count else { break }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "\""): scalars.append("\"")
          case UInt8(ascii: "\\"): scalars.append("\\")
          case UInt8(ascii: "/"): scalars.append("/")
          case UInt8(ascii: "b"): scalars.append("\u{08}")
          case UInt8(ascii: "f"): scalars.append("\u{0C}")
          case UInt8(ascii: "n"): scalars.append("\n")
          case UInt8(ascii: "r"): scalars.append("\r")
          case UInt8(ascii: "t"): scalars.append("\t")
          case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code) {
              // A surrogate pair.
              guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("unpaired surrogate in \\u escape")
              }
              index += 2
              let low = try hex4()
              guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
            scalars.append(scalar)
          default: throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
          }
          run = index
          continue
        }
        index += 1
      }
      throw error("unterminated string")
    }

    mutating func hex4() throws(DataIssue) -> UInt32 {
      guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let b = bytes[index]
        let digit: UInt32
        switch b {
        case 0x30...0x39: digit = UInt32(b - 0x30)
        case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
        case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
        default: throw error("invalid hex digit in \\u escape")
        }
        value = value * 16 + digit
        index += 1
      }
      return value
    }
  }
}

extension DataIssue: Error {}
