import Rensa
/// HTML and Markdown renderings of a ``ReportDocument``.
extension ReportDocument {
  /// One self-contained HTML file: inline CSS and SVG, no scripts and no network
  /// resources; headings, table captions and chart descriptions for screen readers; the
  /// marking on top, on every section and (in print) on every page.
  public var html: String {
    let e = SVGChart.escape
    let t = text
    let (fg, bg) = markingColours
    var s = """
      <!DOCTYPE html>
      <html lang="\(language.tag)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(e(title)) — \(markingLabel)</title>
      <style>
      body { font-family: \(Self.fontStack(language)); margin: 0; color: #1a1a1a; line-height: \(language == .japanese ? "1.7" : "1.45"); }
      main { max-width: 60rem; margin: 0 auto; padding: 0 1rem 3rem; }
      .marking { font-weight: 700; font-family: monospace; color: \(fg); background: \(bg); padding: 0.15rem 0.5rem; display: inline-block; }
      header.bar { background: \(bg); text-align: center; padding: 0.3rem; position: sticky; top: 0; z-index: 1; }
      header.bar .marking { font-size: 1rem; }
      h1 { font-size: 1.6rem; margin-top: 1.2rem; }
      h2 { font-size: 1.3rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 2rem; }
      h3 { font-size: 1.05rem; margin-top: 1.4rem; }
      section > .marking { float: right; font-size: 0.75rem; margin-top: 2.3rem; }
      ol.findings li { margin: 0.3rem 0; }
      ol.findings a { font-size: 0.85rem; white-space: nowrap; }
      .note { border-left: 4px solid #E69F00; background: #fff8e6; padding: 0.4rem 0.7rem; margin: 0.8rem 0; }
      .caveat { border-left: 4px solid #D55E00; background: #fdeee6; padding: 0.4rem 0.7rem; margin: 0.8rem 0; }
      .table-wrap { overflow-x: auto; margin: 0.8rem 0; }
      table { border-collapse: collapse; font-size: 0.9rem; }
      caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
      caption .base { font-weight: 400; font-size: 0.85rem; color: #444; }
      th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; vertical-align: top; overflow-wrap: anywhere; }
      th { background: #f3f6fa; text-align: left; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td.withheld, td.nodata { color: #666; }
      td.withheld { background: #eeeeee; }
      figure { margin: 1rem 0; }
      figure svg { width: 100%; height: auto; max-width: 44rem; }
      figcaption { font-size: 0.85rem; color: #444; }
      nav ol { padding-left: 1.4rem; }
      footer { text-align: center; margin: 2rem 0; }
      @media (max-width: 30rem) {
        /* A phone: smaller tables, so that the year columns (the latest last) fit the screen. */
        main { padding: 0 0.5rem 2rem; }
        table { font-size: 0.75rem; }
        th, td { padding: 0.2rem 0.3rem; }
      }
      @media print {
        /* The marking on every page, in the page's top margin (never over the text), and
           with the page number at the foot. */
        @page {
          margin: 18mm 12mm 14mm;
          @top-center { content: "\(markingLabel)"; font: 700 11pt monospace; color: \(fg); background: \(bg); padding: 1mm 4mm; }
          @bottom-center { content: "\(markingLabel) — " counter(page) " / " counter(pages); font: 9pt monospace; }
        }
        header.bar { position: static; }
        /* Every value on paper: tables are never clipped (no scrollbars), long tokens such
           as digests wrap, a long table continues on the next page with its header
           repeated instead of leaving a near-empty page, and rows, captions, charts and
           notes are kept whole. */
        .table-wrap { overflow: visible; }
        table { font-size: 0.8rem; break-inside: auto; }
        thead { display: table-header-group; }
        tr, caption, figure, .note { break-inside: avoid; }
        caption { break-after: avoid; }
        h2, h3 { break-after: avoid; }
        a { color: inherit; text-decoration: none; }
      }
      </style>
      </head>
      <body>
      <header class="bar"><span class="marking">\(markingLabel)</span></header>
      <main>
      <h1>\(e(title))</h1>

      """
    for caveat in caveats { s += "<p class=\"caveat\"><strong>\(e(t.caveatLabel))</strong> \(e(caveat))</p>\n" }
    s += "<nav aria-label=\"\(e(t.contentsLabel))\"><h2 id=\"contents\">\(e(t.contentsLabel))</h2><ol>\n"
    for section in sections { s += "<li><a href=\"#\(section.id)\">\(e(section.title))</a></li>\n" }
    s += "</ol></nav>\n"
    for (number, section) in sections.enumerated() {
      s += "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-h\">\n"
      s += "<span class=\"marking\">\(markingLabel)</span>\n"
      s += "<h2 id=\"\(section.id)-h\">\(number + 1). \(e(section.title))</h2>\n"
      for block in section.blocks {
        switch block {
        case .paragraph(let text): s += "<p>\(e(text))</p>\n"
        case .note(let text): s += "<p class=\"note\" role=\"note\">\(e(text))</p>\n"
        case .heading(let text): s += "<h3>\(e(text))</h3>\n"
        case .list(let items, let ordered):
          s += ordered ? "<ol>" : "<ul>"
          for item in items { s += "<li>\(e(item))</li>" }
          s += ordered ? "</ol>\n" : "</ul>\n"
        case .findings(let items):
          s += "<ol class=\"findings\">"
          for item in items {
            let target = sections.firstIndex { $0.id == item.section }
            let link = target.map { " <a href=\"#\(item.section)\">→ \($0 + 1). \(e(sections[$0].title))</a>" } ?? ""
            s += "<li>\(e(item.text))\(link)</li>"
          }
          s += "</ol>\n"
        case .table(let table):
          let caption = e(table.caption) + (table.base.map { "<br><span class=\"base\">\(e(t.countedLabel))\(language == .japanese ? "" : " ")\(e($0))</span>" } ?? "")
          s += "<div class=\"table-wrap\"><table id=\"\(table.id)\">\(caption.isEmpty ? "" : "<caption>\(caption)</caption>")\n<thead><tr>"
          for c in table.columns { s += "<th scope=\"col\">\(e(c))</th>" }
          s += "</tr></thead>\n<tbody>\n"
          for row in table.rows {
            s += "<tr>"
            for (k, v) in row.enumerated() {
              if k == 0 && !v.isNumeric {
                s += "<th scope=\"row\">\(e(t.display(v)))</th>"
                continue
              }
              var classes: [String] = []
              if v.isNumeric { classes.append("num") }
              var title = ""
              if case .withheld = v {
                classes.append("withheld")
                title = " title=\"\(e(t.withheldTooltip))\""
              } else if case .noData = v {
                classes.append("nodata")
                title = " title=\"\(e(t.noDataTooltip))\""
              }
              s += "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")\(title)>\(e(t.display(v)))</td>"
            }
            s += "</tr>\n"
          }
          s += "</tbody></table></div>\n"
        case .chart(let chart):
          s += "<figure id=\"\(chart.id)\">\(SVGChart.render(chart, t))<figcaption>\(e(chart.title))\(language == .japanese ? "。" : ". ")\(e(chart.alt))</figcaption></figure>\n"
        }
      }
      s += "</section>\n"
    }
    s += "<footer><span class=\"marking\">\(markingLabel)</span></footer>\n</main>\n</body>\n</html>\n"
    return s
  }

  /// The font stack of the HTML and the charts: the system's sans-serif, then Japanese
  /// fonts by name (macOS, Windows, Debian's fonts-noto-cjk and fonts-ipafont), so that
  /// Japanese labels render in either edition; the Japanese edition puts them first.
  static func fontStack(_ language: ReportLanguage) -> String {
    let cjk = "\"Hiragino Sans\", \"Hiragino Kaku Gothic ProN\", \"Yu Gothic\", Meiryo, \"Noto Sans CJK JP\", \"Noto Sans JP\", \"IPAexGothic\", \"IPAGothic\""
    switch language {
    case .english: return "system-ui, -apple-system, \"Segoe UI\", \(cjk), sans-serif"
    case .japanese: return "\(cjk), system-ui, -apple-system, \"Segoe UI\", sans-serif"
    }
  }

  /// TLP 2.0 colours: (text, background).
  var markingColours: (String, String) {
    switch marking {
    case .clear: return ("#FFFFFF", "#000000")
    case .green: return ("#33FF00", "#000000")
    case .amber, .amberStrict: return ("#FFC000", "#000000")
    case .red: return ("#FF2B2B", "#000000")
    }
  }

  /// GitHub-flavoured Markdown, and the charts as SVG files to write beside it
  /// (`charts/<fileStem>/<id>.svg`, the paths the Markdown links to).
  ///
  /// Every text is escaped for Markdown (``markdownEscaped(_:)``): a name from a dataset
  /// cannot open a link, an image, raw HTML (`<script>`, `<iframe>`), emphasis, a
  /// heading or a table cell.
  public var markdown: (text: String, charts: [(path: String, svg: String)]) {
    let md = Self.markdownEscaped
    let t = text
    func cell(_ s: String) -> String { md(s).replacingOccurrences(of: "|", with: "\\|") }
    var out = "# \(md(title))\n\n**\(md(markingLabel))**\n\n"
    var charts: [(String, String)] = []
    for caveat in caveats { out += "> **\(md(t.caveatLabel))** \(md(caveat))\n\n" }
    for (number, section) in sections.enumerated() {
      out += "## \(number + 1). \(md(section.title))\n\n`\(markingLabel)`\n\n"
      for block in section.blocks {
        switch block {
        case .paragraph(let text): out += "\(md(text))\n\n"
        case .note(let text): out += "> **\(md(t.noteLabel))** \(md(text))\n\n"
        case .heading(let text): out += "### \(md(text))\n\n"
        case .list(let items, let ordered):
          for (k, item) in items.enumerated() { out += (ordered ? "\(k + 1). " : "- ") + md(item) + "\n" }
          out += "\n"
        case .findings(let items):
          for (k, item) in items.enumerated() {
            let target = sections.firstIndex { $0.id == item.section }
            out += "\(k + 1). \(md(item.text))" + (target.map { " (→ \($0 + 1). \(md(sections[$0].title)))" } ?? "") + "\n"
          }
          out += "\n"
        case .table(let table):
          if !table.caption.isEmpty { out += "*\(cell(table.caption))*\n\n" }
          if let base = table.base { out += "\(cell(t.countedLabel))\(language == .japanese ? "" : " ")\(cell(base))\(language == .japanese ? "" : ".")\n\n" }
          out += "| " + table.columns.map(cell).joined(separator: " | ") + " |\n"
          let numeric = table.columns.indices.map { k in table.rows.contains { $0.indices.contains(k) && $0[k].isNumeric } }
          out += "|" + numeric.map { $0 ? "---:|" : "---|" }.joined() + "\n"
          for row in table.rows { out += "| " + row.map { cell(t.display($0)) }.joined(separator: " | ") + " |\n" }
          out += "\n"
        case .chart(let chart):
          let path = "charts/\(fileStem)/\(chart.id).svg"
          charts.append((path, SVGChart.render(chart, t)))
          out += "![\(cell(chart.alt))](\(path))\n\n*\(md(chart.title))*\n\n"
        }
      }
    }
    out += "**\(markingLabel)**\n"
    return (out, charts)
  }

  /// `text` as literal Markdown text (CommonMark and GitHub-flavoured): on one line;
  /// `&`, `<` and `>` as entities (no raw HTML, no autolink in angle brackets); a
  /// backslash before every character that can open a construct inline (the backslash
  /// and the backtick themselves, `*`, `_`, `[`, `]`, `~`, `!`, `#`, `|`) — so no link,
  /// image, emphasis, code or
  /// strike-through — and a backslash before what would start a block at the start of
  /// the line (`- `, `+ `, `---`, and `1.` or `1)` lists). `javascript:` and remote URLs stay
  /// plain text: without `[…](…)` nothing links to them, and GFM autolinks only `http`,
  /// `https`, `ftp` and `www.`, which are then harmless text links.
  public static func markdownEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var atStart = true
    var digitsAtStart = true
    let chars = Array(text)
    for (k, ch) in chars.enumerated() {
      switch ch {
      case "\n", "\r", "\u{2028}", "\u{2029}": out.append(" ")
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\\", "`", "*", "_", "[", "]", "~", "!", "#", "|": out += "\\" + String(ch)
      case "-", "+":
        // "- " or "+ " would open a list, "---" a thematic break; "-3" stays as written.
        if atStart && (k + 1 == chars.count || chars[k + 1] == " " || chars[k + 1] == ch) { out += "\\" }
        out.append(ch)
      case ".", ")":
        // "1. " or "1) " at the start would open an ordered list; "12.5" stays as written.
        if digitsAtStart && !atStart && (k + 1 == chars.count || chars[k + 1] == " ") { out += "\\" }
        out.append(ch)
      default: out.append(ch)
      }
      digitsAtStart = digitsAtStart && ch.isASCII && ch.isNumber
      atStart = false
    }
    return out
  }
}

extension ReportDocument {
  /// A file format of the report.
  public enum Format: String, Sendable, Hashable, CaseIterable {
    /// One self-contained HTML page, charts inline.
    case html
    /// Markdown, with its charts as SVG files under `charts/`.
    case markdown = "md"
    /// The JSON document (``jsonText``).
    case json
    /// ATT&CK Navigator layers of the year's techniques (``navigatorLayers``).
    case navigator
    /// The year's findings as a STIX 2.1 bundle (``stixBundle``).
    case stix
  }

  /// The files of the report in `formats`: paths relative to the output folder and
  /// their text, named after ``fileStem`` (HTML, then the Markdown's charts and the
  /// Markdown, then JSON).
  public func files(formats: Set<Format>) -> [(name: String, text: String)] {
    var files: [(name: String, text: String)] = []
    if formats.contains(.html) { files.append(("\(fileStem).html", html)) }
    if formats.contains(.markdown) {
      let (text, charts) = markdown
      for chart in charts { files.append((chart.path, chart.svg)) }
      files.append(("\(fileStem).md", text))
    }
    if formats.contains(.json) { files.append(("\(fileStem).json", jsonText)) }
    if formats.contains(.navigator) { for layer in navigatorLayers { files.append((layer.fileName, layer.text)) } }
    if formats.contains(.stix) { files.append(("\(fileStem).stix.json", stixBundle)) }
    return files
  }

  /// Writes the report into `directory` (created if needed), all files or none, following
  /// no symbolic link, as `rensa report` does (`AtomicFiles`).
  ///
  /// ```swift
  /// let document = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009())
  /// let paths = try document.write(to: "rensa-report", formats: [.html, .json])
  /// ```
  ///
  /// - Returns: the paths written (charts included).
  /// - Throws: `OutputError` naming the path and the system's reason; the previous
  ///   files are then left as they were.
  @discardableResult
  public func write(to directory: String, formats: Set<Format> = Set(Format.allCases)) throws(OutputError) -> [String] {
    try AtomicFiles.write(files(formats: formats), into: directory)
  }
}
