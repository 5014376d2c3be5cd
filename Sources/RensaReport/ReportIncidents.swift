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
  /// `visible` by year of occurrence.
  let byYear: [Int: [Incident]]

  public init(_ incidents: [Incident], audience: SharingScope, minimumReporters: Int = 3) {
    self.audience = audience
    self.minimumReporters = max(1, minimumReporters)
    self.visible = incidents.filter { $0.sharing.isVisible(to: audience) }
    self.byYear = Dictionary(grouping: visible, by: \.occurred.year)
  }

  /// Whether identities (operators, reporters) may be shown: AMBER and above.
  public var showsIdentities: Bool { audience >= .amber }

  /// Whether the anonymity rule applies (below AMBER).
  public var suppresses: Bool { !showsIdentities }

  /// Visible incidents of `year`.
  public func of(year: Int) -> [Incident] { byYear[year] ?? [] }
}
