import Rensa

/// The analyst's findings and recommendations (`rensa report --notes FILE`), written in
/// Markdown and placed in the summary under the report's marking. Rensa never writes a
/// recommendation itself: this is the analyst's text, shown as written.
///
/// The Markdown read is the part a report needs: headings (`#`, `##`, `###`), paragraphs,
/// bullet (`-`, `*`) and numbered (`1.`) lists, and tables (`| a | b |` with a `|---|`
/// line under the header), such as last year's recommendations and their status:
///
/// ```markdown
/// ## Recommendations
/// - Exercise the loss of the regional grid for more than 72 hours.
///
/// ## Last year's recommendations
/// | recommendation | status |
/// |---|---|
/// | Map the fuel logistics of backup generators | done |
/// ```
///
/// Emphasis markers (`**`, `__`) are dropped and a link `[text](url)` is shown as
/// `text (url)`; everything else, raw HTML included, is text (the renderers escape it).
public struct AnalystNotes: Sendable, Hashable {
  /// The notes as report blocks.
  public let blocks: [ReportBlock]

  /// - Throws: `DataError` listing every problem with its line: an empty file, a table
  ///   row with the wrong number of cells, a table without its `|---|` line.
  public init(markdown: String, file: String) throws(DataError) {
    var blocks: [ReportBlock] = []
    var issues: [DataIssue] = []
    var paragraph: [String] = []
    var list: (items: [String], ordered: Bool)? = nil
    var table: (header: [String], rows: [[String]], line: Int, separated: Bool, broken: Bool)? = nil
    var tables = 0
    func flushParagraph() {
      guard !paragraph.isEmpty else { return }
      // Lines of a paragraph join with a space, except between two Japanese (wide) characters.
      var text = ""
      for line in paragraph {
        if let last = text.unicodeScalars.last, let first = line.unicodeScalars.first, !(Self.isWide(last) && Self.isWide(first)) {
          text += " "
        }
        text += line
      }
      blocks.append(.paragraph(text))
      paragraph = []
    }
    func flushList() {
      if let l = list { blocks.append(.list(l.items, ordered: l.ordered)) }
      list = nil
    }
    func flushTable() {
      guard let t = table else { return }
      if t.broken {
        // Already reported.
      } else if !t.separated {
        issues.append(DataIssue(file: file, line: t.line, reason: "a table needs a line of dashes under its header (| --- | --- |)"))
      } else {
        tables += 1
        blocks.append(.table(ReportTable(
          id: "notes-table-\(tables)", caption: "", columns: t.header, rows: t.rows.map { $0.map { ReportValue.text($0) } })))
      }
      table = nil
    }
    func flushAll() {
      flushParagraph()
      flushList()
      flushTable()
    }
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    for (k, raw) in lines.enumerated() {
      let number = k + 1
      let line = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\r", with: "")
      if line.isEmpty {
        flushAll()
        continue
      }
      if line.hasPrefix("|") {
        let cells = Self.cells(line)
        if var t = table {
          if !t.separated {
            t.separated = true
            if !(cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } }) && cells.count == t.header.count) {
              issues.append(DataIssue(file: file, line: number, reason: "a table needs a line of dashes under its header (| --- | --- |)"))
              t.broken = true
            }
          } else if cells.count != t.header.count {
            issues.append(DataIssue(
              file: file, line: number, reason: "this table row has \(cells.count) cells, its header \(t.header.count)"))
          } else {
            t.rows.append(cells.map(Self.inline))
          }
          table = t
        } else {
          flushParagraph()
          flushList()
          table = (cells.map(Self.inline), [], number, false, false)
        }
        continue
      }
      flushTable()
      if let heading = Self.heading(line) {
        flushAll()
        blocks.append(.heading(Self.inline(heading)))
      } else if let item = Self.item(line) {
        flushParagraph()
        if let l = list, l.ordered != item.ordered { flushList() }
        if list == nil { list = ([], item.ordered) }
        list!.items.append(Self.inline(item.text))
      } else if list != nil && raw.hasPrefix("  ") {
        // A continuation line of a list item.
        list!.items[list!.items.count - 1] += " " + Self.inline(line)
      } else {
        flushList()
        paragraph.append(Self.inline(line))
      }
    }
    flushAll()
    if blocks.isEmpty && issues.isEmpty {
      issues.append(DataIssue(file: file, reason: "the notes are empty", hint: "write the findings and recommendations in Markdown"))
    }
    if !issues.isEmpty { throw DataError(issues) }
    self.blocks = blocks
  }

  static func isWide(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6: return true
    default: return false
    }
  }

  static func heading(_ line: String) -> String? {
    for prefix in ["### ", "## ", "# "] where line.hasPrefix(prefix) {
      return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }
    return nil
  }

  static func item(_ line: String) -> (text: String, ordered: Bool)? {
    if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return (String(line.dropFirst(2)), false) }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, digits.count <= 3 {
      let rest = line.dropFirst(digits.count)
      if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return (String(rest.dropFirst(2)), true) }
    }
    return nil
  }

  static func cells(_ line: String) -> [String] {
    var body = Substring(line)
    if body.hasPrefix("|") { body = body.dropFirst() }
    if body.hasSuffix("|") && !body.hasSuffix("\\|") { body = body.dropLast() }
    var cells: [String] = []
    var current = ""
    var escaped = false
    for ch in body {
      if escaped {
        current.append(ch)
        escaped = false
      } else if ch == "\\" {
        escaped = true
      } else if ch == "|" {
        cells.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
      } else {
        current.append(ch)
      }
    }
    cells.append(current.trimmingCharacters(in: .whitespaces))
    return cells
  }

  /// Inline Markdown as text: emphasis markers dropped, `[text](url)` as `text (url)`.
  static func inline(_ text: String) -> String {
    var s = text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
    while let open = s.range(of: "["), let close = s.range(of: "](", range: open.upperBound..<s.endIndex),
      let end = s.range(of: ")", range: close.upperBound..<s.endIndex)
    {
      let label = s[open.upperBound..<close.lowerBound]
      let url = s[close.upperBound..<end.lowerBound]
      s.replaceSubrange(open.lowerBound..<end.upperBound, with: "\(label) (\(url))")
    }
    return s
  }
}
