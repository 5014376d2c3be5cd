import Rensa
/// The annual common-threat report as a document: sections of paragraphs, notes,
/// tables and charts. Every number it shows is a typed value here, so the three
/// renderings (HTML, Markdown, JSON) show the same numbers and the JSON carries all of
/// them (schema: Docs/report.schema.json).
public struct ReportDocument: Sendable, Hashable {
  public var title: String
  /// The year reported.
  public var year: Int
  /// The sharing scope of the report: who may read it (TLP 2.0).
  public var marking: SharingScope
  /// Data caveats that apply to the whole report (e.g. synthetic data).
  public var caveats: [String]
  public var sections: [ReportSection]

  /// Warnings for whoever runs the report (also among the caveats), e.g. a year with no data.
  public var warnings: [String]
  /// The disclosure audit of the report's counts (nil: built without one).
  public var disclosure: DisclosureSummary?
  /// The language of its words (the numbers are the same in every language).
  public var language: ReportLanguage
  /// Whether its years are fiscal years (年度, April – March).
  public var fiscalYear: Bool
  /// The ledger entries that record what this report publishes of each year it shows
  /// (with ``ReportOptions/preparePublication``; `rensa report --publish` stores them).
  /// Not part of any rendering.
  public var publication: [PublishedYear] = []
  /// The years shown as first published (from ``ReportOptions/publicationLedger``).
  public var asPublished: [AsPublished] = []
  /// The ATT&CK Navigator layers of the year's techniques (``NavigatorLayer``), written
  /// with the format `navigator`.
  public var navigatorLayers: [NavigatorLayer] = []
  /// The year's findings as a STIX 2.1 bundle with TLP 2.0 markings, written with the
  /// format `stix` (`<stem>.stix.json`).
  public var stixBundle: String = ""

  public init(
    title: String, year: Int, marking: SharingScope, caveats: [String], sections: [ReportSection], warnings: [String] = [],
    disclosure: DisclosureSummary? = nil, language: ReportLanguage = .english, fiscalYear: Bool = false
  ) {
    self.language = language
    self.fiscalYear = fiscalYear
    self.title = title
    self.year = year
    self.marking = marking
    self.caveats = caveats
    self.sections = sections
    self.warnings = warnings
    self.disclosure = disclosure
  }

  /// The marking as printed: `TLP:GREEN`.
  public var markingLabel: String { "TLP:\(marking.rawValue)" }

  /// The name of its files, marking included: `common-threats-2026.tlp-green` (then
  /// `.html`, `.md`, `.json`; the Markdown's charts in `charts/<stem>/`), so that
  /// editions of different markings never share a file. A Japanese edition ends in `.ja`
  /// (`common-threats-2026.tlp-green.ja`), a fiscal-year edition's year is `fy2026`, so
  /// that the editions of one year can be written into one folder.
  public var fileStem: String {
    "common-threats-\(fiscalYear ? "fy" : "")\(year).tlp-" + String(marking.rawValue.lowercased().map { $0 == "+" ? "-" : $0 })
      + (language == .english ? "" : ".\(language.tag)")
  }

  /// The words of the document's language.
  var text: any ReportCatalogue { language.catalogue(fiscalYear: fiscalYear) }
}

/// One numbered section.
public struct ReportSection: Sendable, Hashable {
  /// Stable id (anchor, JSON key), e.g. `indicators`.
  public var id: String
  public var title: String
  public var blocks: [ReportBlock]

  public init(id: String, title: String, blocks: [ReportBlock]) {
    self.id = id
    self.title = title
    self.blocks = blocks
  }
}

/// A piece of a section.
public enum ReportBlock: Sendable, Hashable {
  /// Prose.
  case paragraph(String)
  /// A caveat or warning printed beside what it qualifies.
  case note(String)
  /// A sub-heading.
  case heading(String)
  case table(ReportTable)
  case chart(ReportChart)
  /// A list of items (ordered: numbered).
  case list([String], ordered: Bool)
  /// The key findings of the summary, ranked, each linking to its chapter.
  case findings([KeyFinding])
}

/// One key finding of the summary: a sentence with its number, the chapter it comes from
/// (a section id, the link), and the rule that found it (Docs/Report.md, "Key findings").
public struct KeyFinding: Sendable, Hashable {
  public var text: String
  /// The id of the section it links to (e.g. `dynamic`).
  public var section: String
  /// The rule that found it: `new-loops`, `new-single-points`, `new-spillovers`,
  /// `widest-scenario`, `most-common-threat`, `largest-change`, `impact-concentration`,
  /// `most-critical-sector`.
  public var rule: String

  public init(text: String, section: String, rule: String) {
    self.text = text
    self.section = section
    self.rule = rule
  }
}

/// A cell value.
public enum ReportValue: Sendable, Hashable {
  case text(String)
  /// A count.
  case count(Int)
  /// A number shown with `digits` significant digits and an optional unit.
  case number(Double, digits: Int, unit: String?)
  /// A count withheld by disclosure control (shown as "x"): it came from too few
  /// reporters, or it would let such a count be worked out (Docs/Report.md).
  case withheld
  /// No record of the period is available: not zero (shown as "no data", null in JSON).
  case noData
  /// Not available.
  case none

  /// The value as printed.
  public var display: String {
    switch self {
    case .text(let s): return s
    case .count(let c): return ReportValue.grouped(c)
    case .number(let x, let digits, let unit):
      return NumberFormat.significant(x, digits: digits) + (unit.map { " \($0)" } ?? "")
    case .withheld: return "x"
    case .noData: return "no data"
    case .none: return "–"
    }
  }

  /// Whether it is numeric (right-aligned).
  public var isNumeric: Bool {
    switch self {
    case .count, .number, .withheld, .noData: return true
    default: return false
    }
  }

  /// 12345 → "12,345".
  static func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
  }
}

/// A table with a caption (accessibility) and an id.
public struct ReportTable: Sendable, Hashable {
  public var id: String
  public var caption: String
  public var columns: [String]
  public var rows: [[ReportValue]]
  /// What its counts count (e.g. "incidents that exceeded the verification level"),
  /// printed under the caption and kept in the JSON; nil for tables of no counts.
  public var base: String?

  public init(id: String, caption: String, columns: [String], rows: [[ReportValue]], base: String? = nil) {
    self.id = id
    self.caption = caption
    self.columns = columns
    self.rows = rows
    self.base = base
  }
}

/// A chart: drawn as inline SVG, described by `alt` for screen readers, and backed by
/// its numbers (in JSON).
public struct ReportChart: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// One line per series over the x labels; nil values are gaps (withheld, or no data).
    case lines(x: [String], series: [(name: String, values: [Double?])])
    /// Rows × columns of values (nil: withheld or absent), with a legend title.
    case heatmap(rows: [String], columns: [String], values: [[Double?]], legend: String)
    /// Bars on a time axis: one row per label, each with intervals [start, end) (end nil:
    /// still down at `horizon`), and why each row fails ("" when it does not): the chain
    /// of causes of its first failure. The axis is logarithmic (log(1 + t)) when the
    /// horizon is long and an onset early, so that an onset of a few hours shows as
    /// clearly as an outage of weeks (Docs/Report.md).
    case gantt(rows: [String], intervals: [[(start: Double, end: Double?)]], horizon: Double, unit: String, why: [String])
    /// A dendrogram: leaves in order, and merges (left, right, height) in scipy's
    /// numbering.
    case dendrogram(leaves: [String], merges: [(left: Int, right: Int, height: Double)], order: [Int], axis: String)

    public static func == (a: Kind, b: Kind) -> Bool { String(describing: a) == String(describing: b) }
    public func hash(into hasher: inout Hasher) { hasher.combine(String(describing: self)) }
  }

  public var id: String
  public var title: String
  /// Text alternative: what the chart shows, in a sentence or two.
  public var alt: String
  public var kind: Kind

  public init(id: String, title: String, alt: String, kind: Kind) {
    self.id = id
    self.title = title
    self.alt = alt
    self.kind = kind
  }
}

extension ReportDocument {
  /// The JSON document as `rensa report --format json` writes it: every section, table
  /// cell and chart value, pretty-printed (schema: Docs/report.schema.json).
  /// Deterministic: keys in a fixed order, no timestamps.
  public var jsonText: String { json.serialized(pretty: true) + "\n" }

  /// The JSON form as a value tree (the writers' and tests' view).
  package var json: JSONValue {
    func value(_ v: ReportValue) -> JSONValue {
      switch v {
      case .text(let s): return .string(s)
      case .count(let c): return .int(c)
      case .number(let x, _, _): return x.isFinite ? .number(x) : .null
      case .withheld: return .object([("withheld", .bool(true))])
      case .noData, .none: return .null
      }
    }
    func optional(_ x: Double?) -> JSONValue { x.map { $0.isFinite ? .number($0) : .null } ?? .null }
    func block(_ b: ReportBlock) -> JSONValue {
      switch b {
      case .paragraph(let s): return .object([("type", .string("paragraph")), ("text", .string(s))])
      case .note(let s): return .object([("type", .string("note")), ("text", .string(s))])
      case .heading(let s): return .object([("type", .string("heading")), ("text", .string(s))])
      case .list(let items, let ordered):
        return .object([("type", .string("list")), ("ordered", .bool(ordered)), ("items", .array(items.map { .string($0) }))])
      case .findings(let items):
        return .object([
          ("type", .string("findings")),
          ("items", .array(items.map { .object([("text", .string($0.text)), ("section", .string($0.section)), ("rule", .string($0.rule))]) })),
        ])
      case .table(let t):
        return .object([
          ("type", .string("table")), ("id", .string(t.id)), ("caption", .string(t.caption)),
          ("columns", .array(t.columns.map { .string($0) })),
          ("rows", .array(t.rows.map { .array($0.map(value)) })),
        ] + (t.base.map { [("base", JSONValue.string($0))] } ?? []))
      case .chart(let c):
        var fields: [(String, JSONValue)] = [
          ("type", .string("chart")), ("id", .string(c.id)), ("title", .string(c.title)), ("alt", .string(c.alt)),
        ]
        switch c.kind {
        case .lines(let x, let series):
          fields.append(("kind", .string("lines")))
          fields.append(("x", .array(x.map { .string($0) })))
          fields.append(("series", .array(series.map { s in
            .object([("name", .string(s.name)), ("values", .array(s.values.map(optional)))])
          })))
        case .heatmap(let rows, let columns, let values, let legend):
          fields.append(("kind", .string("heatmap")))
          fields.append(("rows", .array(rows.map { .string($0) })))
          fields.append(("columns", .array(columns.map { .string($0) })))
          fields.append(("values", .array(values.map { .array($0.map(optional)) })))
          fields.append(("legend", .string(legend)))
        case .gantt(let rows, let intervals, let horizon, let unit, let why):
          fields.append(("kind", .string("gantt")))
          fields.append(("rows", .array(rows.map { .string($0) })))
          fields.append(("why", .array(why.map { .string($0) })))
          fields.append(("intervals", .array(intervals.map { row in
            .array(row.map { .object([("start", .number($0.start)), ("end", optional($0.end))]) })
          })))
          fields.append(("horizon", .number(horizon)))
          fields.append(("unit", .string(unit)))
        case .dendrogram(let leaves, let merges, let order, let axis):
          fields.append(("kind", .string("dendrogram")))
          fields.append(("leaves", .array(leaves.map { .string($0) })))
          fields.append(("merges", .array(merges.map { .array([.int($0.left), .int($0.right), .number($0.height)]) })))
          fields.append(("leaf_order", .array(order.map { .int($0) })))
          fields.append(("axis", .string(axis)))
        }
        return .object(fields)
      }
    }
    return .object([
      ("title", .string(title)), ("year", .int(year)), ("fiscal_year", .bool(fiscalYear)), ("language", .string(language.tag)),
      ("marking", .string(markingLabel)),
      ("caveats", .array(caveats.map { .string($0) })),
    ] + (disclosure.map { [("disclosure", $0.json)] } ?? []) + [
      ("sections", .array(sections.map { s in
        .object([("id", .string(s.id)), ("title", .string(s.title)), ("marking", .string(markingLabel)),
                 ("blocks", .array(s.blocks.map(block)))])
      })),
    ])
  }
}
