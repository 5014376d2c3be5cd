/// JSON written as UTF-8 bytes into a growing buffer, optionally handed to a sink as it
/// fills (so a large document is never held whole): the writer behind ``JSONValue`` and
/// the CLI's largest outputs. Strings are copied in runs of bytes that need no escape;
/// numbers are formatted without going through `String`.
package struct JSONBytes {
  package private(set) var bytes: [UInt8] = []
  /// Where full buffers go (nil: kept in `bytes`).
  let sink: (([UInt8]) -> Void)?
  /// Bytes held before the sink gets them.
  static let flushAt = 1 << 20

  /// A writer that keeps everything in ``bytes``.
  package init() {
    sink = nil
    bytes.reserveCapacity(4096)
  }

  /// A writer that hands its bytes to `sink` a megabyte at a time (call ``flush()`` at
  /// the end for the rest).
  package init(sink: @escaping ([UInt8]) -> Void) {
    self.sink = sink
    bytes.reserveCapacity(Self.flushAt + 4096)
  }

  @inline(__always) package mutating func ascii(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    if sink != nil && bytes.count >= Self.flushAt { flush() }
  }

  @inline(__always) package mutating func byte(_ b: UInt8) { bytes.append(b) }

  /// A whole number.
  package mutating func int(_ value: Int) {
    if value == 0 {
      bytes.append(0x30)
      return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits and a sign
    var magnitude = value.magnitude
    var count = 0
    withUnsafeMutableBytes(of: &digits) { raw in
      while magnitude > 0 {
        raw[23 - count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
        magnitude /= 10
        count += 1
      }
      if value < 0 {
        raw[23 - count] = 0x2D
        count += 1
      }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(24 - count)...]))
    }
  }

  /// A number as ``JSONValue`` writes a `.double`.
  package mutating func double(_ d: Double) {
    if !d.isFinite {
      ascii("null")
    } else if d == d.rounded() && abs(d) < 1e15 {
      int(Int(d))
      ascii(".0")
    } else {
      bytes.append(contentsOf: "\(d)".utf8)
    }
  }

  /// A string, quoted and escaped: `"`, `\`, and control characters below U+0020
  /// (`\n`, `\r`, `\t`, the rest as `\u00XX`); everything else as is.
  package mutating func string(_ s: String) {
    bytes.append(0x22)
    var text = s
    text.withUTF8 { utf8 in
      var run = 0
      for i in 0..<utf8.count {
        let b = utf8[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
        run = i + 1
        switch b {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        default:
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
    }
    bytes.append(0x22)
    if sink != nil && bytes.count >= Self.flushAt { flush() }
  }

  /// Hands what is buffered to the sink (nothing without one).
  package mutating func flush() {
    guard let sink, !bytes.isEmpty else { return }
    sink(bytes)
    bytes.removeAll(keepingCapacity: true)
  }
}
