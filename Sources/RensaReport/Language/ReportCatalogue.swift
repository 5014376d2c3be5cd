import Rensa

/// Every sentence, label, caption and convention of the report in one language: one
/// catalogue per language (`EnglishCatalogue`, `JapaneseCatalogue`), so that the chapters
/// and renderers hold no words of their own. A new string is added here and to every
/// catalogue (the compiler enforces both).
protocol ReportCatalogue: Sendable {
  var fiscalYear: Bool { get }
  // MARK: Conventions
  var language: ReportLanguage { get }
  var languageName: String { get }
  func year(_ y: Int) -> String
  func years(from a: Int, to b: Int) -> String
  func yearReported(_ y: Int) -> String
  var periodName: String { get }
  var noDataLabel: String { get }
  func list(_ items: [String]) -> String
  func sentences(_ items: [String]) -> String
  func truncatedList(_ names: [String], limit: Int) -> String
  func leadingList(_ names: [String], shown: Int) -> String
  func threatType(_ t: ThreatType) -> String
  func topicStatus(_ s: TopicStatus) -> String
  func weightUnit(_ unit: String) -> String
  func moneyUnit(_ unit: String) -> String
  func title(ofSection id: String) -> String
  func recordKind(_ k: RecordKind) -> String
  var columnIndicator: String { get }
  var columnSector: String { get }
  var columnThreatType: String { get }
  var columnChange: String { get }
  var total: String { get }
  var nobody: String { get }
  var itemValueColumns: [String] { get }

  // MARK: Document
  func reportTitle(year: Int, dataset: String) -> String
  func warningNoData(year: Int, audience: SharingScope) -> String
  func caveatSyntheticHistory(dataset: String) -> String
  func caveatSuppression(audience: SharingScope, k: Int, dominance: String?) -> String
  var syntheticSection: String { get }
  var caveatLabel: String { get }
  var noteLabel: String { get }
  var contentsLabel: String { get }
  var countedLabel: String { get }
  var withheldTooltip: String { get }
  var noDataTooltip: String { get }
  func noDataFor(year: Int) -> String

  // MARK: Charts
  var heatmapWithheld: String { get }
  func heatmapScale(legend: String, maximum: String) -> String
  var heatmapGrey: String { get }
  func ganttBar(row: String, from: String, to: String?, horizon: String, unit: String) -> String
  func dendrogramMerge(_ height: String) -> String

  // MARK: Summary
  func summaryNoData(year: Int, previous: String) -> String
  func summaryWithheld(year: Int, previous: String) -> String
  func summaryTotal(year: Int, total: String, sectors: Int, previous: String) -> String
  func summaryMostFrequent(causes: [String], count: Int, partial: Bool) -> String
  func summaryCritical(sectors: [String], failing: Int, dependents: Int) -> String
  func summaryLoops(_ n: Int) -> String
  func summaryScenario(_ name: String, down: Int, of total: Int) -> String
  var headlineExceeded: String { get }
  func headlineOfWhich(_ type: String) -> String
  var headlineTopics: String { get }
  func headlineCaption(year: Int) -> String
  var headlineBase: String { get }
  var summaryComparisonWarning: String { get }

  // MARK: Key findings, notes, notable incidents
  var keyFindingsHeading: String { get }
  var keyFindingsRules: String { get }
  func findingNewLoops(_ n: Int, largest: Int, nodes: String) -> String
  func findingNewSinglePoints(_ n: Int, example: String, causes: String) -> String
  func findingNewSpillovers(_ pairs: [(String, String)], year: Int) -> String
  func findingWidestScenario(_ names: [String], sectors: Int, of total: Int) -> String
  func findingMostCommonThreat(_ names: [String], sectors: Int, of total: Int, year: Int) -> String
  func findingLargestChange(_ items: [(String, Int, Int)], year: Int) -> String
  /// (cause, % of user-hours, % of incidents).
  func findingImpactConcentration(_ items: [(String, String, String)], year: Int) -> String
  func findingMostCritical(_ sectors: [String], failing: Int) -> String
  var notesHeading: String { get }
  var notesNote: String { get }
  var notableHeading: String { get }
  func notableWithheld(audience: SharingScope) -> String
  func notableNone(year: Int) -> String
  func notableIntroduction(_ n: Int, of total: Int) -> String
  func caseStudy(
    month: Int, year: Int, sector: String, type: String, threat: String?, hours: Double?, users: Int?, origin: String?, summary: String?
  ) -> String

  // MARK: Indicators
  var indicatorsIntroduction: String { get }
  var indicatorsBase: String { get }
  var indicatorsByTypeCaption: String { get }
  func indicatorsNoData(years: [Int]) -> String
  func indicatorsTrendTitle(from a: Int, to b: Int) -> String
  func indicatorsTrendAlt(from a: Int, to b: Int, year: Int, total: String) -> String
  // The plan's further categories.
  /// Quarter 1–4 of the counting year, with its months.
  func quarter(_ q: Int) -> String
  /// Severity level 0–4 (Docs/Severity.md).
  func severityLevel(_ level: Int) -> String
  var severityNotRated: String { get }
  func securityProperty(_ p: SecurityProperty) -> String
  var categoriesCaption: String { get }
  var columnCategory: String { get }
  var categoriesBase: String { get }
  // Impact-weighted statistics.
  func impactHeading(year: Int) -> String
  func impactNone(year: Int) -> String
  /// reported: nil below AMBER (not published).
  func impactIntroduction(year: Int, reported: String?, of total: String) -> String
  func servicesAmberOnly(audience: SharingScope) -> String
  func impactByCauseCaption(year: Int) -> String
  func impactBySectorCaption(year: Int) -> String
  /// [incidents, share of incidents, user-hours lost, share of user-hours].
  var impactColumns: [String] { get }
  var impactBase: String { get }
  func impactNote(percent: String) -> String
  var servicesCaption: String { get }
  var columnService: String { get }
  var servicesBase: String { get }
  var severalCausesNote: String { get }
  var nearMissesCaption: String { get }
  var nearMissesRow: String { get }
  var nearMissesBase: String { get }
  var indicatorsBySectorCaption: String { get }
  var indicatorsComparisonWarning: String { get }
  func spilloversHeading(year: Int) -> String
  func spilloversNone(year: Int) -> String
  func spilloversCaption(year: Int) -> String
  var spilloversColumns: [String] { get }
  var spilloversBase: String { get }
  func topicsHeading(year: Int) -> String
  func topicsNone(year: Int) -> String
  func topicsCompleted(_ done: Int, of total: Int, year: Int) -> String
  func topicsCaption(year: Int) -> String
  var topicsColumns: [String] { get }

  // MARK: Programme indicators (§IV-1)
  var programmeHeading: String { get }
  var programmeIntroduction: String { get }
  func programmeNone(from a: Int, to b: Int) -> String
  func programmeCaption(from a: Int, to b: Int) -> String
  var programmeBase: String { get }
  var programmeItemsSent: String { get }
  var programmeItemsShared: String { get }
  var programmeOperatorsUseful: String { get }
  var programmeExercises: String { get }
  var programmeParticipants: String { get }
  var programmeExercisesUseful: String { get }
  var programmeIllustrative: String { get }

  // MARK: Interdependency
  func interdependencyIntroduction(dataset: String, dependencies: Int, sectors: Int, assets: Int) -> String
  var dependencyMatrixTitle: String { get }
  var dependencyMatrixAlt: String { get }
  var dependencyMatrixLegend: String { get }
  var closureNoDependency: String { get }
  var closureCaption: String { get }
  var closureColumns: [String] { get }
  var closureBase: String { get }
  var loopsHeading: String { get }
  func loopsNone(depth: Int) -> String
  func loopsIntroduction(_ n: Int, depth: Int) -> String
  var loopsCaption: String { get }
  var loopsColumns: [String] { get }
  func loopsMore(_ n: Int) -> String
  var criticalityHeading: String { get }
  var criticalityIntroduction: String { get }
  var criticalityCaption: String { get }
  var criticalityColumns: [String] { get }
  var singlePointsHeading: String { get }
  func singlePointsRefused(_ reason: String) -> String
  var singlePointsNone: String { get }
  var singlePointsCaption: String { get }
  var singlePointsColumns: [String] { get }
  var criticalPairsHeading: String { get }
  var criticalPairsIntroduction: String { get }
  func criticalPairsRefused(_ e: MemoryLimitExceeded) -> String
  var criticalPairsNone: String { get }
  var criticalPairsCaption: String { get }
  var criticalPairsColumns: [String] { get }
  func pair(_ a: String, _ b: String) -> String

  // MARK: Dynamic
  var dynamicNoScenario: String { get }
  var dynamicIntroduction: String { get }
  func scenarioDescription(_ description: String, source: String) -> String
  var scenarioAssumption: String { get }
  func ganttTitle(_ scenario: String) -> String
  func ganttAlt(affected: Int, of total: Int, horizon: Double, first: [(String, Double)], more: Bool, logarithmic: Bool) -> String
  /// The time axis's title when it is logarithmic.
  func logarithmicAxis(_ unit: String) -> String
  /// What joins two sentences in a tooltip.
  var sentenceBreak: String { get }
  /// Why a sector fails: the chain of causes of its first failed node, from the scenario's
  /// initial failure to it.
  func whyFailed(chain: [String], initial: Bool) -> String
  var ganttUnit: String { get }
  var dependencyCurvesHeading: String { get }
  var dependencyCurvesIntroduction: String { get }
  var dependencyCurvesTitle: String { get }
  func dependencyCurvesAlt(sectors: Int, longest: Double, most: Int) -> String
  var dependencyCurvesCaption: String { get }
  var dependencyCurvesFirstColumn: String { get }
  func durationLabel(_ hours: Double) -> String
  var dependencyCurvesNone: String { get }
  func dependencyCurvesSkipped(timelines: Int, dependencies: Int) -> String
  func scenarioSectorsCaption(_ scenario: String) -> String
  var scenarioSectorsColumns: [String] { get }
  var notWithinHorizon: String { get }
  func scenarioServicesCaption(_ scenario: String) -> String
  var scenarioServicesColumns: [String] { get }
  var levelNotCrossed: String { get }
  var levelNotAssessable: String { get }
  func serviceJudgement(_ j: ScenarioAnalysis.Judgement) -> String
  func servicesCrossed(_ n: Int, of total: Int) -> String
  func monteCarloIntroduction(events: Int, trials: Int, seed: UInt64) -> String
  func monteCarloReduced(from: Int, to: Int, dependencies: Int, halfWidth: String) -> String
  func monteCarloCaption(_ scenario: String) -> String
  var monteCarloColumns: [String] { get }

  // MARK: Restoration
  func restorationIntroduction(crews: Int) -> String
  func restorationCaption(_ scenario: String) -> String
  func restorationColumns(unit: String) -> [String]
  func restorationWhy(_ r: ScenarioRestorationPriority.Rank, rank: Int, of count: Int, unit: String, name: (String) -> String) -> String
  func restorationNotSearched(cost: String, unit: String, limit: Int) -> String
  func restorationCompared(cost: String, unit: String, optimal: String) -> String
  func restorationRefused(_ reason: String) -> String

  // MARK: Inoperability
  func inoperabilityNoSectorDependency(_ dependencies: Int) -> String
  func inoperabilityNoCoupling(_ betweenSectors: Int) -> String
  func inoperabilityRefused(_ reasons: String) -> String
  func inoperabilityThroughAssets(_ n: Int) -> String
  func inoperabilityNotComputed(_ why: [String], economyGiven: Bool) -> String
  func inoperabilityIntroduction(economyGiven: Bool) -> String
  func inoperabilityCaption(_ scenario: String) -> String
  var inoperabilityColumns: [String] { get }
  func inoperabilitySaturated(_ n: Int, scenario: String) -> String
  var economicHeading: String { get }
  func economicIntroduction(origin: String, industries: Int, unit: String) -> String
  var economicAssumptions: String { get }
  func economicUnmapped(_ sectors: [String]) -> String
  var economicNoScenario: String { get }
  func economicLossCaption(_ scenario: String, unit: String) -> String
  func economicLossColumns(unit: String) -> [String]
  func economicScenariosCaption(unit: String) -> String
  var economicScenariosColumns: [String] { get }

  // MARK: Common threats
  func commonThreatsNoIncident(year: Int) -> String
  func commonThreatsSuppressed(k: Int) -> String
  func commonThreatsIntroduction(year: Int) -> String
  func reachCaption(year: Int) -> String
  var reachColumns: [String] { get }
  func reachBase(suppressed: Bool) -> String
  func cooccurringNone(year: Int) -> String
  func cooccurringCaption(year: Int) -> String
  var cooccurringColumns: [String] { get }
  var liftExplanation: String { get }
  func threatHeatmapTitle(year: Int) -> String
  func threatHeatmapAlt(year: Int) -> String
  var threatHeatmapLegend: String { get }
  func dendrogramTitle(year: Int) -> String
  func dendrogramAlt(clusters: [[String]]) -> String
  var dendrogramAxis: String { get }
  var newHeading: String { get }
  func newThisYear(year: Int, threats: [String], reach: [(String, String)]) -> String
  var commonModeHeading: String { get }
  var commonModeNone: String { get }
  var commonModeCaption: String { get }
  var commonModeColumns: [String] { get }
  func vulnerabilitiesHeading(year: Int) -> String
  func vulnerabilitiesNone(year: Int) -> String
  func vulnerabilitiesCaption(year: Int, shown: Int, total: Int) -> String
  var vulnerabilitiesColumns: [String] { get }
  // The incidents' CVEs, techniques and products (issue 22).
  var identifiersHeading: String { get }
  func identifiersNone(year: Int) -> String
  func identifiersIntroduction(year: Int) -> String
  func identifiersNoneShown(kind: IncidentIdentifier.Kind, year: Int) -> String
  var identifierBase: String { get }
  func exploitedCaption(year: Int) -> String
  var exploitedColumns: [String] { get }
  func kevMark(added: String, ransomware: Bool) -> String
  var notInKEV: String { get }
  var kevNotGiven: String { get }
  func techniquesCaption(year: Int) -> String
  var techniquesColumns: [String] { get }
  func productsInIncidentsCaption(year: Int) -> String
  var productsInIncidentsColumns: [String] { get }
  var inventoryNone: String { get }
  func inventorySharedNone(assets: Int) -> String
  func inventorySharedCounted(products: Int, vendors: Int, widest: Int) -> String
  // ATT&CK Navigator layers (issue 22).
  func navigatorName(year: Int) -> String
  func navigatorChangeName(year: Int) -> String
  func navigatorDescription(year: Int, change: Bool, marking: String, k: Int?) -> String
  func navigatorComment(incidents: String, sectors: [String]) -> String
  func navigatorChange(lastSectors: Int, lastIncidents: String) -> String
  var navigatorLastWithheld: String { get }
  var navigatorNoLastYear: String { get }
  // STIX 2.1 export (issue 22).
  func stixProducer(dataset: String) -> String
  func stixKEV(added: String, ransomware: Bool) -> String
  func stixSighting(year: Int, incidents: Int, sectors: [String]) -> String
  func identifiersInAmber(year: Int) -> String
  var sharedProductsCaption: String { get }
  func sharedProductsColumns(year: Int) -> [String]
  var sharedVendorsCaption: String { get }
  var sharedVendorsColumns: [String] { get }
  // Hidden common modes (issue 22).
  var commonModesIntroduction: String { get }
  func commonModesUpstreamSkipped(nodes: Int, limit: Int) -> String
  var commonModesNoGroups: String { get }
  func commonModesByKindCaption(groups: Int) -> String
  var commonModesByKindColumns: [String] { get }
  func sharedKind(_ kind: String) -> String
  func commonModesOmitted(_ n: Int, perGroup: Int) -> String
  var commonModesNoShared: String { get }
  func hiddenCommonModesCaption(named: Bool) -> String
  var hiddenCommonModesColumns: [String] { get }
  func needs(_ k: Int, of alternatives: [String]) -> String
  var commonModesWithheldAttributes: String { get }
  func moreRows(_ n: Int) -> String
  var commonCauseReachCaption: String { get }
  var commonCauseReachColumns: [String] { get }
  var commonModesNoUpstream: String { get }
  var upstreamCaption: String { get }
  var upstreamColumns: [String] { get }
  func featurelessSectors(_ sectors: [String], year: Int) -> String
  func stepChangesNote(_ n: Int, factor: Double, first: String, year: Int, value: Double, baseline: Double) -> String
  func noStepCheck(years: Int) -> String

  // MARK: Changes
  func changesOfWhich(_ type: String) -> String
  func changesCaption(year: Int) -> String
  var changesBase: String { get }
  func clusterAgreement(year: Int, clusters: Int, index: String) -> String
  var clusterNoMoves: String { get }
  func clusterMovesCaption(year: Int) -> String
  var clusterMovesColumns: [String] { get }
  func stepChange(_ sector: String, value: String, year: Int, baseline: String) -> String
  func clusterNoPreviousYear(year: Int) -> String
  var dependenciesHeading: String { get }
  var dependenciesOneVersion: String { get }
  func dependenciesUnchanged(previous: String, version: String, count: Int) -> String
  func dependenciesChanged(
    previous: String, version: String, added: Int, removed: Int, changed: Int, nodesAdded: Int, nodesRemoved: Int
  ) -> String
  var sectorPairsUnchanged: String { get }
  var pairNew: String { get }
  var pairGone: String { get }
  var pairUnchanged: String { get }
  var sectorPairsCaption: String { get }
  var sectorPairsColumns: [String] { get }
  var changeAdded: String { get }
  var changeRemoved: String { get }
  var changeChanged: String { get }
  /// A dependency's kind (power, telecom, …) in the report's language.
  func dependencyKind(_ k: DependencyKind) -> String
  /// The changed fields of a dependency, "field before → after", joined.
  func fieldChanges(_ changes: [DependencyChanges.FieldChange]) -> String
  func describe(_ d: Dependency) -> String
  var dependencyChangesCaption: String { get }
  var dependencyChangesColumns: [String] { get }
  func dependencyChangesHidden(shown: Int, added: Int, removed: Int, changed: Int) -> String
  func nodesNew(_ names: String) -> String
  func nodesGone(_ names: String) -> String
  var loopsSame: String { get }
  var loopChangesCaption: String { get }
  var loopChangesColumns: [String] { get }
  var loopFormed: String { get }
  var loopBroken: String { get }
  /// An analysis's refusal to allocate beyond the memory limit, in the report's language.
  func refusal(_ e: MemoryLimitExceeded) -> String
  func singlePointsNotCompared(_ reason: String) -> String
  var singlePointsSame: String { get }
  func singlePointChangesCaption(total: Int) -> String
  var singlePointChangesColumns: [String] { get }

  // MARK: Methods
  var disclosureHeading: String { get }
  func disclosureNothingWithheld(audience: SharingScope) -> String
  func disclosureMethod(k: Int, dominance: String?) -> String
  func auditCaption(years: [Int]) -> String
  /// Years shown as first published: (year, when recorded, report file stem); impact: the
  /// year reported's user-hours too.
  func asPublishedNote(_ items: [(Int, String, String)], impact: Bool) -> String
  func impactAuditCaption(year: Int, percent: String) -> String
  var impactAuditPrimary: String { get }
  var impactAuditSecondary: String { get }
  var impactAuditAudited: String { get }
  var impactAuditNarrowest: String { get }
  func impactAuditPassed(percent: String) -> String
  var auditPrimary: String { get }
  var auditSecondary: String { get }
  var auditAudited: String { get }
  var auditNarrowest: String { get }
  var auditNothingWithheld: String { get }
  var auditUnbounded: String { get }
  var auditResult: String { get }
  func auditPassed(k: Int) -> String
  var auditFailed: String { get }
  var provenanceCaption: String { get }
  var provenanceDataset: String { get }
  func datasetVersion(_ name: String, _ version: String) -> String
  func digestLabel(_ label: String) -> String
  func provenanceDigest(_ label: String) -> String
  var provenancePreviousDataset: String { get }
  func provenancePreviousDigest(_ label: String) -> String
  var provenanceYear: String { get }
  var provenanceAudience: String { get }
  var provenanceLeastReporters: String { get }
  var provenanceIncidentsUsed: String { get }
  var notPublishedBelowAmber: String { get }
  var provenanceProvisional: String { get }
  func provisionalBelowAmber(any: Bool) -> String
  var provenanceMonteCarlo: String { get }
  var provenanceCrews: String { get }
  var provenanceTrendWindow: String { get }
  var provenancePeriod: String { get }
  var provenanceLanguage: String { get }
  var provenanceIOTable: String { get }
  func ioTable(origin: String, industries: Int, unit: String) -> String
  var provenanceLinks: String { get }
  func datasetProvenance(_ text: String) -> String
  var caveatSynthetic: String { get }
  func caveatAssumedScenarios(_ names: [String]) -> String
  var caveatConcordance: String { get }
  func methodsParagraph(caveats: [String]) -> String
  var untranslatedHeading: String { get }
  func untranslatedIntroduction(_ n: Int) -> String
  var untranslatedCaption: String { get }
  var untranslatedColumns: [String] { get }
}

extension ReportCatalogue {
  /// A value as printed in this language ("no data" and "–" are words and signs of the
  /// language; numbers keep their digits).
  func display(_ v: ReportValue) -> String {
    switch v {
    case .noData: return noDataLabel
    // Japanese writes a percentage without a space (85.4%).
    case .number(let x, let digits, "%") where language == .japanese: return NumberFormat.significant(x, digits: digits) + "%"
    default: return v.display
    }
  }
}
