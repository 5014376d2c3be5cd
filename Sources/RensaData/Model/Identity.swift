import Foundation

/// The normal form under which two spellings of one identity are the same: reporters,
/// operators and incident ids.
///
/// One organisation is written many ways by many hands ("QXONE", "qxone", "QXONE ",
/// "QX\u{200B}ONE", full-width "ＱＸＯＮＥ", decomposed accents). Counting them as
/// distinct reporters would let a one-reporter count pass the disclosure rule as a
/// three-reporter one, so every count of distinct reporters and every comparison of
/// ids goes through ``key(_:)``:
///
/// 1. Unicode compatibility normalisation (NFKC): full-width and other compatibility
///    forms become their plain letters, and composed and decomposed accents agree;
/// 2. format and control characters (zero-width spaces and joiners, byte-order marks,
///    directional marks, soft hyphens, NUL…) are removed;
/// 3. every run of white space (any Unicode white space) becomes one space, and leading
///    and trailing space is removed;
/// 4. full Unicode case folding (`ß` and `SS` agree), then NFKC again (NFKC_Casefold).
///
/// The records keep what was written; only comparisons use the key.
public enum Identity {
  /// The normal form of `text` (see ``Identity``).
  public static func key(_ text: String) -> String {
    // Fast paths: text already in normal form is its own key (no copy); other printable
    // ASCII without runs of spaces only needs case folding.
    if isNormal(text) { return text }
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), text.first != " ", text.last != " ", !text.contains("  ") {
      return text.lowercased()
    }
    var kept = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
      let properties = scalar.properties
      if properties.isWhitespace {
        pendingSpace = true
        continue
      }
      switch properties.generalCategory {
      case .format, .control, .surrogate: continue
      default: break
      }
      if pendingSpace && !kept.isEmpty { kept.append(" ") }
      pendingSpace = false
      kept.append(scalar)
    }
    return String(kept).folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCompatibilityMapping
  }

  /// Groups of distinct spellings that share a key, each sorted, the groups by their
  /// first spelling: what a validator warns about.
  public static func nearDuplicates(_ spellings: some Sequence<String>) -> [[String]] {
    let distinct = Set(spellings)
    return nearDuplicates(distinct, containing: distinct.contains)
  }

  /// ``nearDuplicates(_:)`` of distinct `spellings` whose membership `containing` answers
  /// (e.g. a reader's id table): only spellings not already in normal form are keyed,
  /// since two in normal form are their own, distinct keys. A file of plain lower-case
  /// ids costs one pass over their bytes, no hashing.
  public static func nearDuplicates(_ spellings: some Sequence<String>, containing: (String) -> Bool) -> [[String]] {
    var byKey: [String: Set<String>] = [:]
    for s in spellings where !isNormal(s) {
      let k = key(s)
      byKey[k, default: []].insert(s)
      if containing(k) { byKey[k]!.insert(k) }
    }
    return byKey.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
  }

  /// Whether `text` holds a control character (C0, DEL or C1), from its UTF-8 bytes.
  public static func containsControlCharacter(_ text: String) -> Bool {
    var afterC2 = false
    for b in text.utf8 {
      if b < 0x20 || b == 0x7F || (afterC2 && b >= 0x80 && b <= 0x9F) { return true }
      afterC2 = b == 0xC2
    }
    return false
  }

  /// Whether `text` is its own normal form, decided from its bytes alone: printable
  /// ASCII without upper-case letters, with single spaces inside only.
  static func isNormal(_ text: String) -> Bool {
    var previous: UInt8 = 0x20
    var any = false
    for b in text.utf8 {
      guard b >= 0x20 && b < 0x7F, !(b >= 0x41 && b <= 0x5A), !(b == 0x20 && previous == 0x20) else { return false }
      previous = b
      any = true
    }
    return !any || previous != 0x20
  }

  /// `text` with every control, format and non-space white-space character written as
  /// `\u{…}`, so that a message shows what an id really holds (`QX\u{200B}ONE`) and text
  /// from a file cannot move the cursor or recolour a terminal (ANSI escape sequences).
  /// Newlines are kept when `keepingNewlines` (for messages of several lines).
  public static func printable(_ text: String, keepingNewlines: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: { needsEscape($0) && !(keepingNewlines && $0 == "\n") }) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) && !(keepingNewlines && scalar == "\n") {
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `text` safe to show on a terminal: control characters other than newline and tab
  /// (ESC and its sequences, backspace, carriage return, C1 controls) and the
  /// bidirectional overrides and isolates (which reorder what is shown) written as
  /// `\u{…}`; everything else, Japanese spaces included, as it is.
  public static func terminalSafe(_ text: String) -> String {
    func unsafe(_ u: Unicode.Scalar) -> Bool {
      if u == "\n" || u == "\t" { return false }
      if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { return true }
      return (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
    }
    guard text.unicodeScalars.contains(where: unsafe) else { return text }
    var out = String.UnicodeScalarView()
    for u in text.unicodeScalars {
      if unsafe(u) { out.append(contentsOf: ("\\u{" + String(u.value, radix: 16, uppercase: true) + "}").unicodeScalars) } else { out.append(u) }
    }
    return String(out)
  }

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return false }
    if scalar.value < 0x80 { return scalar.value < 0x20 || scalar.value == 0x7F }
    if scalar.properties.isWhitespace { return true }
    switch scalar.properties.generalCategory {
    case .format, .control, .surrogate, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }
}

/// ``Identity/printable(_:keepingNewlines:)``.
func printable(_ text: String) -> String { Identity.printable(text) }
