extension String {
  /// The text without leading and trailing white space, exactly as Foundation's
  /// `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines` with
  /// `newlines`) trims it, but without bridging to `NSString`: Foundation's call costs a
  /// conversion to UTF-16 and back even when there is nothing to trim, which made it the
  /// hottest call of the readers.
  ///
  /// The sets, as swift-corelibs-foundation defines them (checked scalar by scalar in the
  /// tests): tab, U+0020, U+00A0, U+1680, U+2000–U+200B, U+202F, U+205F, U+3000; with
  /// `newlines` also U+000A–U+000D, U+0085, U+2028 and U+2029.
  package func trimmingSpaces(newlines: Bool = false) -> String {
    // Nothing to trim (the common case): the string itself, no copy.
    if let first = utf8.first, let last = utf8.last, first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return self }
    return Substring(self).trimmingSpaces(newlines: newlines)
  }
}

extension Substring {
  /// The text without leading and trailing white space, as `String.trimmingSpaces`.
  package func trimmingSpaces(newlines: Bool = false) -> String {
    let scalars = unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end && isTrimmedSpace(scalars[start], newlines: newlines) { start = scalars.index(after: start) }
    while end > start {
      let before = scalars.index(before: end)
      guard isTrimmedSpace(scalars[before], newlines: newlines) else { break }
      end = before
    }
    return String(self[start..<end])
  }
}

/// Whether `s` is in Foundation's `.whitespaces` (or `.whitespacesAndNewlines`).
@inline(__always)
package func isTrimmedSpace(_ s: Unicode.Scalar, newlines: Bool) -> Bool {
  switch s.value {
  case 0x09, 0x20: return true
  case 0x21...0x7F: return false
  case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
  case 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
  default: return false
  }
}
