import Rensa
/// The incidents a report for one audience may use, and the rule that protects the
/// reporting operators (the plan's information-sharing rules):
///
/// - **Scope.** Only incidents whose TLP marking is visible to the audience are read at
///   all (CLEAR < GREEN < AMBER < AMBER+STRICT < RED); the others are not counted
///   anywhere, not even as a total.
/// - **Anonymity.** Below AMBER, operator names, reporters, incident ids and summaries
///   never appear, and the counts go through ``ReportDisclosure``: a count from fewer
///   than `minimumReporters` distinct reporters, and every count that would let one be
///   worked out, is withheld.
public struct ReportIncidents: Sendable {
  /// The audience the report is for.
  public let audience: SharingScope
  /// k: the least number of distinct reporters behind a shown count (below AMBER).
  public let minimumReporters: Int
  /// The incidents visible to the audience.
  public let visible: [Incident]
  /// Whether years are fiscal years (年度, 1 April – 31 March) rather than calendar years.
  public let fiscalYear: Bool
  /// `visible` by the year it counts in.
  let byYear: [Int: [Incident]]

  public init(_ incidents: [Incident], audience: SharingScope, minimumReporters: Int = 3, fiscalYear: Bool = false) {
    self.audience = audience
    self.minimumReporters = max(1, minimumReporters)
    self.fiscalYear = fiscalYear
    self.visible = incidents.filter { $0.sharing.isVisible(to: audience) }
    self.byYear = Dictionary(grouping: visible) { CountingYear.of($0.occurred, fiscal: fiscalYear) }
  }

  /// The year an incident counts in: its calendar year, or its fiscal year (an incident of
  /// 15 March 2027 counts in fiscal year 2026).
  public func countingYear(_ incident: Incident) -> Int { CountingYear.of(incident.occurred, fiscal: fiscalYear) }

  /// Whether identities (operators, reporters) may be shown: AMBER and above.
  public var showsIdentities: Bool { audience >= .amber }

  /// Whether the anonymity rule applies (below AMBER).
  public var suppresses: Bool { !showsIdentities }

  /// Visible incidents of `year`.
  public func of(year: Int) -> [Incident] { byYear[year] ?? [] }
}
