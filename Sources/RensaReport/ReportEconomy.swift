import Rensa
/// The economy behind the report's economic losses: an inoperability model built from
/// an input–output table (so it carries each industry's total output), and a
/// concordance saying which share of which industry each of the dataset's sectors is.
///
/// A scenario's outage of sector s for h hours (its events' hours, weighted by their
/// probability and, for an asset, by its share of the sector) perturbs industry i by
/// c*ᵢ = Σₛ shareₛᵢ · hₛ / 8,760 — the share of the industry's output of a year that
/// the outage takes directly. The equilibrium q = A*q + c* of the table's model then
/// gives each industry's loss qᵢ · xᵢ, in the table's unit (Docs/Report.md, chapter 6).
///
/// ```swift
/// let table = try InputOutputTableReader.read(path: "iotable_13sector_2011.csv").domesticFlows()
/// let model = try table.inoperabilityModel(.demand)
/// let links = try ReportEconomy.readConcordance(path: "concordance.csv", sectors: dataset.sectors.map(\.id), model: model)
/// let economy = try ReportEconomy(model: model, links: links, unit: "million JPY", origin: "MIC 2011")
/// ```
public struct ReportEconomy: Sendable {
  /// One row of the concordance: `share` of `industry`'s output is `sector`.
  public struct Link: Sendable, Hashable {
    /// A sector of the dataset.
    public var sector: String
    /// The industry's index in the model's sectors.
    public var industry: Int
    /// The sector's share of the industry's output, in (0, 1].
    public var share: Double
    /// Citation, or `assumption: …`.
    public var source: String

    public init(sector: String, industry: Int, share: Double, source: String) {
      self.sector = sector
      self.industry = industry
      self.share = share
      self.source = source
    }
  }

  /// The industries' model, with total output.
  public let model: InoperabilityModel
  /// The concordance.
  public let links: [Link]
  /// The unit of the table's values (e.g. "million JPY"), printed with the losses.
  public let unit: String
  /// Where the table comes from (a file name or a citation).
  public let origin: String

  /// Hours in a year: the outage hours of a year that make the whole output.
  public static let hoursPerYear = 8_760.0

  /// - Throws: `DataError` when the model has no total output, or a link names an
  ///   industry outside it or a share outside (0, 1].
  public init(model: InoperabilityModel, links: [Link], unit: String, origin: String) throws(DataError) {
    var issues: [DataIssue] = []
    if model.output == nil {
      issues.append(DataIssue(file: origin, reason: "the model has no total output, so losses cannot be computed",
                              hint: "build it from an input–output table"))
    }
    for l in links where !(model.sectors.indices.contains(l.industry) && l.share > 0 && l.share <= 1) {
      issues.append(DataIssue(file: origin, field: l.sector, reason: "link to industry \(l.industry) with share \(l.share) is out of range"))
    }
    if !issues.isEmpty { throw DataError(issues) }
    self.model = model
    self.links = links
    self.unit = unit
    self.origin = origin
  }

  /// Whether any share is the author's assumption rather than a cited figure.
  public var restsOnAssumptions: Bool { links.contains { $0.source.lowercased().hasPrefix("assumption") } }

  /// The perturbation of the industries for outage hours per sector (hours of a full
  /// outage, already weighted): c*ᵢ = min(1, Σₛ shareₛᵢ · hₛ / 8,760).
  public func perturbation(outageHours: [String: Double]) -> [Double] {
    var c = [Double](repeating: 0, count: model.count)
    for l in links {
      guard let h = outageHours[l.sector], h > 0 else { continue }
      c[l.industry] += l.share * h / Self.hoursPerYear
    }
    return c.map { min(1, $0) }
  }

  /// Reads a concordance file (CSV or TSV).
  public static func readConcordance(path: String, sectors: [String], model: InoperabilityModel) throws -> [Link] {
    try parseConcordance(try readTextFile(path), file: path, sectors: sectors, model: model, delimiter: delimiter(forPath: path))
  }

  /// Parses a concordance: columns `sector,industry,share[,source]`. A sector is a
  /// sector id of the dataset; an industry is a label of the table, or a unique prefix
  /// of one (`05`); a share is in (0, 1]. A sector may be split over several industries
  /// and an industry may hold several sectors, but the shares held by one industry add up
  /// to at most 1, and a pair appears once.
  ///
  /// - Throws: `DataError` with every problem of the file, each with its line.
  public static func parseConcordance(
    _ text: String, file: String, sectors: [String], model: InoperabilityModel, delimiter: Character = ","
  ) throws(DataError) -> [Link] {
    let table = try DelimitedTable.parseAll(text, file: file, delimiter: delimiter)
    var issues: [DataIssue] = []
    var columns: [String: Int] = [:]
    for name in ["sector", "industry", "share"] {
      if let c = table.column(name) {
        columns[name] = c
      } else {
        issues.append(DataIssue(
          file: file, line: table.headerLine, reason: "no '\(name)' column",
          hint: didYouMean(name, among: table.header).map { "did you mean '\($0)'?" } ?? "columns: sector,industry,share[,source]"))
      }
    }
    guard let sc = columns["sector"], let ic = columns["industry"], let vc = columns["share"] else { throw DataError(issues) }
    let source = table.column("source")
    let known = Set(sectors)
    var links: [Link] = []
    var firstLine: [String: Int] = [:]
    var held = [Double](repeating: 0, count: model.count)
    var heldLines = [[Int]](repeating: [], count: model.count)
    for row in table.rows {
      let sector = row.fields[sc].trimmingSpaces
      let label = row.fields[ic].trimmingSpaces
      var ok = true
      if !known.contains(sector) {
        issues.append(DataIssue(
          file: file, line: row.line, field: "sector", reason: "unknown sector '\(sector)'",
          hint: didYouMean(sector, among: sectors).map { "did you mean '\($0)'?" } ?? "a sector id of the dataset"))
        ok = false
      }
      let industry = resolveSector(label, in: model.sectors)
      if industry == nil {
        let ambiguous = !label.isEmpty && model.sectors.filter { $0.hasPrefix(label) }.count > 1
        issues.append(DataIssue(
          file: file, line: row.line, field: "industry",
          reason: ambiguous ? "'\(label)' matches several industries" : "unknown industry '\(label)'",
          hint: ambiguous ? "write more of the label" : didYouMean(label, among: model.sectors).map { "did you mean '\($0)'?" }
            ?? "a label of the input–output table, or a unique prefix such as its code"))
        ok = false
      }
      let text = row.fields[vc].trimmingSpaces
      let share = Double(text)
      if share == nil || !(share! > 0 && share! <= 1) {
        issues.append(DataIssue(file: file, line: row.line, field: "share", reason: "'\(text)' is not a share in (0, 1]"))
        ok = false
      }
      guard ok, let industry, let share else { continue }
      let key = sector + "\u{0}" + model.sectors[industry]
      if let first = firstLine[key] {
        issues.append(DataIssue(
          file: file, line: row.line, field: "industry",
          reason: "\(sector) → \(model.sectors[industry]) repeated (first on line \(first))"))
        continue
      }
      firstLine[key] = row.line
      held[industry] += share
      heldLines[industry].append(row.line)
      links.append(Link(sector: sector, industry: industry, share: share, source: source.map { row.fields[$0].trimmingSpaces } ?? ""))
    }
    for i in held.indices where held[i] > 1 + 1e-9 {
      issues.append(DataIssue(
        file: file, line: heldLines[i].last, field: "share",
        reason: "the shares of \(model.sectors[i]) add up to \(NumberFormat.significant(held[i], digits: 6)) (lines "
          + heldLines[i].map(String.init).joined(separator: ", ") + "), more than the whole industry",
        hint: "a share is the sector's part of the industry's output"))
    }
    if !issues.isEmpty { throw DataError(issues) }
    return links
  }
}
