/// The incidents a report for one audience may use, and the rule that protects the
/// reporting operators (the plan's information-sharing rules):
///
/// - **Scope.** Only incidents whose TLP marking is visible to the audience are read at
///   all (CLEAR < GREEN < AMBER < AMBER+STRICT < RED); the others are not counted
///   anywhere, not even as a total.
/// - **Anonymity.** Below AMBER, a count built from fewer than `minimumReporters`
///   distinct reporters is suppressed (shown as "< k") in tables, charts and JSON,
///   and operator names, reporters, incident ids and summaries never appear.
///   A threat–sector cell with fewer reporters is treated as absent by the clustering.
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

  /// The count of `incidents`, or suppressed when they come from fewer than k distinct
  /// reporters (0 is always shown: no report, nobody to identify).
  public func count(_ incidents: [Incident]) -> ReportValue {
    if incidents.isEmpty { return .count(0) }
    if suppresses && Set(incidents.map(\.reporter)).count < minimumReporters { return .suppressed(minimum: minimumReporters) }
    return .count(incidents.count)
  }

  /// As ``count(_:)``, for charts: nil when suppressed.
  public func chartCount(_ incidents: [Incident]) -> Double? {
    if case .count(let c) = count(incidents) { return Double(c) }
    return nil
  }

  /// Whether a set of incidents may be used as evidence (its count is shown).
  public func isShown(_ incidents: [Incident]) -> Bool {
    if case .suppressed = count(incidents) { return false }
    return true
  }

  /// Visible incidents of `year`.
  public func of(year: Int) -> [Incident] { byYear[year] ?? [] }
}
