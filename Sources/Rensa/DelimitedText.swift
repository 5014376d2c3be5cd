import Foundation

/// A table read from CSV or TSV text: a header row and data rows, each with its
/// 1-based line number.
///
/// Rules (documented in Docs/DataFormats.md):
/// - `,` separates fields in `.csv` files, a tab in `.tsv` files;
/// - blank lines and lines whose first non-blank character is `#` are skipped;
/// - the first remaining line is the header; names are trimmed and compared
///   case-insensitively;
/// - CSV fields may be quoted with `"`, a doubled `""` standing for one quote;
///   a quoted field may not span lines;
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
  public static func parse(_ text: String, file: String, delimiter: Character, issues: inout [DataIssue])
    -> DelimitedTable?
  {
    var header: [String]? = nil
    var headerLine = 0
    var rows: [Row] = []
    var lineNumber = 0
    // "\r\n" is one Character in Swift, so split on each line-break form explicitly.
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      lineNumber += 1
      var line = Substring(rawLine)
      if lineNumber == 1 && line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.isEmpty || trimmed.first == "#" { continue }
      let fields: [String]
      switch splitFields(line, delimiter: delimiter) {
      case .success(let f): fields = f
      case .failure(let reason):
        issues.append(DataIssue(file: file, line: lineNumber, reason: reason.message))
        continue
      }
      if header == nil {
        header = fields
        headerLine = lineNumber
        var seen: [String: Int] = [:]
        for (i, name) in fields.enumerated() {
          if name.isEmpty {
            issues.append(DataIssue(file: file, line: lineNumber, reason: "header column \(i + 1) has no name"))
          }
          if let first = seen[name.lowercased()] {
            issues.append(
              DataIssue(
                file: file, line: lineNumber, field: name,
                reason: "duplicate column name (columns \(first + 1) and \(i + 1))"))
          }
          seen[name.lowercased()] = i
        }
        continue
      }
      guard fields.count == header!.count else {
        let hint = delimiter == "\t" ? "fields are separated by tabs in .tsv files" : "fields are separated by commas; quote a field that contains one"
        issues.append(
          DataIssue(
            file: file, line: lineNumber,
            reason: "expected \(header!.count) fields as in the header, found \(fields.count)", hint: hint))
        continue
      }
      rows.append(Row(line: lineNumber, fields: fields))
    }
    guard let header else {
      issues.append(DataIssue(file: file, reason: "the file is empty: no header row was found"))
      return nil
    }
    return DelimitedTable(header: header, headerLine: headerLine, rows: rows)
  }

  struct SplitError: Error { var message: String }

  static func splitFields(_ line: Substring, delimiter: Character) -> Result<[String], SplitError> {
    var fields: [String] = []
    var current = ""
    var index = line.startIndex
    var quoted = false
    var wasQuoted = false
    while index < line.endIndex {
      let ch = line[index]
      if quoted {
        if ch == "\"" {
          let next = line.index(after: index)
          if next < line.endIndex && line[next] == "\"" {
            current.append("\"")
            index = line.index(after: next)
            continue
          }
          quoted = false
        } else {
          current.append(ch)
        }
      } else if ch == "\"" && delimiter != "\t" && current.allSatisfy({ $0 == " " }) && !wasQuoted {
        quoted = true
        wasQuoted = true
        current = ""
      } else if ch == delimiter {
        fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
        current = ""
        wasQuoted = false
      } else if wasQuoted && ch != " " {
        return .failure(SplitError(message: "unexpected text after a closing quote in field \(fields.count + 1)"))
      } else if !wasQuoted {
        current.append(ch)
      }
      index = line.index(after: index)
    }
    if quoted {
      return .failure(SplitError(message: "unterminated quote in field \(fields.count + 1) (quoted fields may not span lines)"))
    }
    fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
    return .success(fields)
  }
}

/// Reads a whole text file, mapping failures to ``InputFileError``.
public func readTextFile(_ path: String) throws(InputFileError) -> String {
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    throw InputFileError(path: path, kind: .missing, detail: "no such file")
  }
  if isDirectory.boolValue { throw InputFileError(path: path, kind: .unreadable, detail: "is a directory, not a file") }
  guard let data = FileManager.default.contents(atPath: path) else {
    throw InputFileError(path: path, kind: .unreadable, detail: "cannot be read (check its permissions)")
  }
  guard let text = String(data: data, encoding: .utf8) else {
    throw InputFileError(path: path, kind: .notText, detail: "is not UTF-8 text")
  }
  return text
}

/// The field delimiter for a file name: tab for `.tsv` (and `.tab`), comma otherwise.
public func delimiter(forPath path: String) -> Character {
  let lower = path.lowercased()
  return lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") ? "\t" : ","
}
