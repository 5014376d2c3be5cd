import Foundation
import RensaGraph
import InternalRensaUtilities

/// A table read from CSV or TSV text: a header row and data rows, each with its
/// 1-based line number.
///
/// Rules (documented in Docs/DataFormats.md):
/// - `,` separates fields in `.csv` files, a tab in `.tsv` files;
/// - blank lines and lines whose first non-blank character is `#` are skipped;
/// - the first remaining line is the header; names are trimmed and compared
///   case-insensitively;
/// - CSV fields may be quoted with `"`, a doubled `""` standing for one quote;
///   a quoted field may span lines (its row is numbered by the line it starts on);
/// - surrounding spaces of unquoted fields are trimmed.
public struct DelimitedTable: Sendable {
  /// One data row.
  public struct Row: Sendable {
    /// 1-based line number in the file.
    public var line: Int
    /// Field values, one per header column.
    public var fields: [String]
  }

  /// Column names as written (trimmed).
  public var header: [String]
  /// Line number of the header.
  public var headerLine: Int
  /// Data rows whose field count matches the header.
  public var rows: [Row]

  /// Column index of `name` (case-insensitive), if present.
  public func column(_ name: String) -> Int? {
    header.firstIndex { $0.lowercased() == name.lowercased() }
  }

  /// Parses `text`. Problems (wrong field counts, bad quoting, duplicate
  /// columns, no header) are appended to `issues`; rows with problems are left out.
  ///
  /// One pass over the text (linear time, whatever the input): a quoted CSV field may
  /// span lines (RFC 4180); its row is numbered by the line it starts on.
  public static func parse(_ text: String, file: String, delimiter: Character, issues: inout [DataIssue])
    -> DelimitedTable?
  {
    // One pass over the UTF-8 bytes: every byte the syntax looks at (delimiters, quotes,
    // line breaks, '#') is ASCII, and UTF-8 never uses ASCII values inside a multi-byte
    // character, so fields are cut at the right places without decoding the text first
    // (which took four bytes per character).
    let delimiterByte = UInt8(ascii: delimiter.unicodeScalars.first!)
    let quote = UInt8(ascii: "\"")
    let newline = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    let space = UInt8(ascii: " ")
    let tab = UInt8(ascii: "\t")
    let hash = UInt8(ascii: "#")
    let quotesAllowed = delimiter != "\t"
    var header: [String]? = nil
    var headerLine = 0
    var rows: [Row] = []

    var utf8 = text
    return utf8.withUTF8 { bytes -> DelimitedTable? in
    var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    var line = 1
    // State of the record being read.
    var recordLine = 1
    var record: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var wasQuoted = false
    var quoteLine = 0
    var blank = true  // only spaces and tabs so far
    var recordError: String? = nil

    func finishField() {
      let value = String(decoding: field, as: UTF8.self)
      record.append(wasQuoted ? value : value.trimmingSpaces())
      field.removeAll(keepingCapacity: true)
      wasQuoted = false
    }
    func finishRecord() {
      defer {
        record = []
        blank = true
        recordError = nil
      }
      if blank { return }
      if let reason = recordError {
        issues.append(DataIssue(file: file, line: recordLine, reason: reason))
        return
      }
      if header == nil {
        header = record
        headerLine = recordLine
        var seen: [String: Int] = [:]
        for (i, name) in record.enumerated() {
          if name.isEmpty {
            issues.append(DataIssue(file: file, line: recordLine, reason: "header column \(i + 1) has no name"))
          }
          if let first = seen[name.lowercased()] {
            issues.append(
              DataIssue(
                file: file, line: recordLine, field: name,
                reason: "duplicate column name (columns \(first + 1) and \(i + 1))"))
          }
          seen[name.lowercased()] = i
        }
        return
      }
      guard record.count == header!.count else {
        let hint =
          quotesAllowed ? "fields are separated by commas; quote a field that contains one" : "fields are separated by tabs in .tsv files"
        issues.append(
          DataIssue(
            file: file, line: recordLine,
            reason: "expected \(header!.count) fields as in the header, found \(record.count)", hint: hint))
        return
      }
      rows.append(Row(line: recordLine, fields: record))
    }

    while i < bytes.count {
      let c = bytes[i]
      if inQuotes {
        if c == quote {
          if i + 1 < bytes.count && bytes[i + 1] == quote {
            field.append(quote)
            i += 2
            continue
          }
          inQuotes = false
        } else {
          if c == newline || (c == carriageReturn && !(i + 1 < bytes.count && bytes[i + 1] == newline)) { line += 1 }
          field.append(c)
        }
        i += 1
        continue
      }
      if c == newline || c == carriageReturn {
        if c == carriageReturn && i + 1 < bytes.count && bytes[i + 1] == newline { i += 1 }
        finishField()
        finishRecord()
        i += 1
        line += 1
        recordLine = line
        continue
      }
      if blank && c == hash {
        // A comment line: skip to its end.
        while i < bytes.count && bytes[i] != newline && bytes[i] != carriageReturn { i += 1 }
        field.removeAll(keepingCapacity: true)
        record = []
        continue
      }
      if c != space && c != tab { blank = false }
      if c == quote && quotesAllowed && !wasQuoted && field.allSatisfy({ $0 == space }) {
        inQuotes = true
        wasQuoted = true
        quoteLine = line
        field.removeAll(keepingCapacity: true)
      } else if c == delimiterByte {
        finishField()
      } else if wasQuoted {
        if c != space && recordError == nil {
          recordError = "unexpected text after a closing quote in field \(record.count + 1)"
        }
      } else {
        field.append(c)
      }
      i += 1
    }
    if inQuotes {
      recordError =
        "unterminated quote in field \(record.count + 1): the quote opened on line \(quoteLine) is never closed"
    }
    if !(record.isEmpty && field.isEmpty && !wasQuoted && !inQuotes) || !blank {
      finishField()
      finishRecord()
    }
    guard let header else {
      issues.append(DataIssue(file: file, reason: "the file is empty: no header row was found"))
      return nil
    }
    return DelimitedTable(header: header, headerLine: headerLine, rows: rows)
    }
  }
}

extension DelimitedTable {
  /// Parses `text` and throws every problem found (or that it has no header row), for
  /// readers that cannot use a table with rows left out.
  public static func parseAll(_ text: String, file: String, delimiter: Character) throws(DataError) -> DelimitedTable {
    var issues: [DataIssue] = []
    guard let table = parse(text, file: file, delimiter: delimiter, issues: &issues), issues.isEmpty else {
      throw DataError(issues.isEmpty ? [DataIssue(file: file, reason: "the file has no header row")] : issues)
    }
    return table
  }
}

/// Bytes of memory that reading one byte of a text file into records takes at most, as
/// measured: 14.6 for a 149 MB edge list read by `rensa closure` (text, rows, node
/// table), 7 for a 356 MB dataset document. Rounded up.
package let textReadingBytesPerByte = 16

/// Reads a whole text file, mapping failures to ``InputFileError``.
///
/// - Throws: ``InputFileError`` when it is missing, unreadable or not UTF-8, or when
///   reading it into records would need more than `MemoryBudget.defaultLimit`
///   (`textReadingBytesPerByte` per byte; kind `tooLarge`), before anything is read.
package func readText(_ path: String) throws(DataError) -> String {
  do { return try readTextFile(path) } catch { throw DataError(error) }
}

/// Reads a whole text file, mapping failures to ``InputFileError``.
package func readTextFile(_ path: String) throws(InputFileError) -> String {
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    throw InputFileError(path: path, kind: .missing, detail: "no such file")
  }
  if isDirectory.boolValue { throw InputFileError(path: path, kind: .unreadable, detail: "is a directory, not a file") }
  try checkReadingBudget(path)
  guard let data = FileManager.default.contents(atPath: path) else {
    throw InputFileError(path: path, kind: .unreadable, detail: "cannot be read (check its permissions)")
  }
  if let encoding = wideEncoding(data) {
    throw InputFileError(
      path: path, kind: .notText,
      detail: "is \(encoding) text, not UTF-8 (convert it: iconv -f \(encoding.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "(little-endian)", with: "LE").replacingOccurrences(of: "(big-endian)", with: "BE")) -t UTF-8)")
  }
  guard let text = String(data: data, encoding: .utf8) else {
    throw InputFileError(path: path, kind: .notText, detail: "is not UTF-8 text: " + firstInvalidUTF8(data))
  }
  if let (line, column) = firstNUL(data) {
    throw InputFileError(
      path: path, kind: .notText, detail: "holds a NUL byte at line \(line), column \(column): text files do not (is it a binary file?)")
  }
  return text
}

/// Line and column (columns count characters) of the first NUL byte of `data`, found
/// with memchr; nil when it has none. Text formats never hold one.
func firstNUL(_ data: Data) -> (line: Int, column: Int)? {
  let offset = data.withUnsafeBytes { raw -> Int? in
    guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
    return base.distance(to: UnsafeRawPointer(hit))
  }
  guard let offset else { return nil }
  let nul = data.startIndex + offset
  let before = data[data.startIndex..<nul]
  let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
  let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
  return (line, String(decoding: data[lineStart..<nul], as: UTF8.self).count + 1)
}

/// The name of a UTF-16 or UTF-32 encoding that `data` is in: by its byte-order mark,
/// or, without one, by the zero bytes that ASCII text leaves in every other (or three
/// of four) positions; nil for anything else.
func wideEncoding(_ data: Data) -> String? {
  let head = [UInt8](data.prefix(512))
  if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
  if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 (little-endian)" }
  if head.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
  if head.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
  guard head.count >= 8 else { return nil }
  var zeros = [0, 0, 0, 0]
  for (k, b) in head.enumerated() where b == 0 { zeros[k % 4] += 1 }
  let quarter = head.count / 4
  func mostly(_ n: Int) -> Bool { n * 10 >= quarter * 9 }
  if mostly(zeros[1]) && mostly(zeros[2]) && mostly(zeros[3]) && zeros[0] * 10 < quarter { return "UTF-32 (little-endian)" }
  if mostly(zeros[0]) && mostly(zeros[1]) && mostly(zeros[2]) && zeros[3] * 10 < quarter { return "UTF-32 (big-endian)" }
  if mostly(zeros[1]) && mostly(zeros[3]) && zeros[0] + zeros[2] < quarter { return "UTF-16 (little-endian)" }
  if mostly(zeros[0]) && mostly(zeros[2]) && zeros[1] + zeros[3] < quarter { return "UTF-16 (big-endian)" }
  return nil
}

/// The field delimiter for a file name: tab for `.tsv` (and `.tab`), comma otherwise.
public func delimiter(forPath path: String) -> Character {
  let lower = path.lowercased()
  return lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") ? "\t" : ","
}

/// Where the first byte sequence that is not UTF-8 is, as "byte 0xFF at line 3, column 7"
/// (columns count characters), for the message of a file that is not UTF-8.
func firstInvalidUTF8(_ data: Data) -> String {
  let bytes = [UInt8](data)
  var line = 1
  var column = 1
  var i = 0
  while i < bytes.count {
    let b = bytes[i]
    let length: Int
    switch b {
    case 0x00...0x7F: length = 1
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: length = 0
    }
    var valid = length > 0 && i + length <= bytes.count
    if valid && length > 1 {
      valid = bytes[(i + 1)..<(i + length)].allSatisfy { $0 & 0xC0 == 0x80 }
      // Overlong forms, surrogates and code points above U+10FFFF.
      if valid && b == 0xE0 && bytes[i + 1] < 0xA0 { valid = false }
      if valid && b == 0xED && bytes[i + 1] > 0x9F { valid = false }
      if valid && b == 0xF0 && bytes[i + 1] < 0x90 { valid = false }
      if valid && b == 0xF4 && bytes[i + 1] > 0x8F { valid = false }
    }
    guard valid else {
      return "byte 0x" + String(b, radix: 16, uppercase: true) + " at line \(line), column \(column) (is it Latin-1 or Shift_JIS?)"
    }
    if b == 0x0A {
      line += 1
      column = 1
    } else {
      column += 1
    }
    i += length
  }
  return "the text ends inside a character"
}

/// Refuses, before reading, a file whose records would need more memory than
/// `MemoryBudget.defaultLimit` (`textReadingBytesPerByte` per byte of the file).
///
/// - Throws: ``InputFileError`` of kind `tooLarge`, saying the size, the estimate, the
///   limit and the knob (`RENSA_MEMORY_LIMIT`).
package func checkReadingBudget(_ path: String) throws(InputFileError) {
  if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int {
    let need = size.multipliedReportingOverflow(by: textReadingBytesPerByte)
    let limit = MemoryBudget.defaultLimit
    if need.overflow || need.partialValue > limit {
      let needed = need.overflow ? Int.max : need.partialValue
      throw InputFileError(
        path: path, kind: .tooLarge,
        detail: "is \(formatBytes(size)); reading it into records needs about \(formatBytes(needed)), more than the memory limit of "
          + "\(formatBytes(limit)) (set RENSA_MEMORY_LIMIT higher, e.g. RENSA_MEMORY_LIMIT=\((needed >> 30) + 1)G, if the machine has "
          + "that much; or split the file)")
    }
  }
}
