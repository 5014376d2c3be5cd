import InternalRensaUtilities
import Rensa

/// Every sentence, label and caption of the report in English.
struct EnglishCatalogue: ReportCatalogue {
  let fiscalYear: Bool

  // MARK: Conventions

  var language: ReportLanguage { .english }
  var languageName: String { "English" }
  func year(_ y: Int) -> String { fiscalYear ? "FY\(y)" : String(y) }
  func years(from a: Int, to b: Int) -> String { "\(year(a))–\(year(b))" }
  func yearReported(_ y: Int) -> String { fiscalYear ? "FY\(y) (1 April \(y) – 31 March \(y + 1))" : String(y) }
  var periodName: String {
    fiscalYear ? "fiscal years (年度, 1 April – 31 March), named after the year they start in" : "calendar years (January – December)"
  }
  var noDataLabel: String { "no data" }
  func list(_ items: [String]) -> String { items.joined(separator: ", ") }
  func sentences(_ items: [String]) -> String { items.joined(separator: " ") }
  func truncatedList(_ names: [String], limit: Int) -> String {
    names.count <= limit ? list(names) : list(Array(names.prefix(limit - 1))) + " and \(ReportValue.grouped(names.count - limit + 1)) more"
  }
  func leadingList(_ names: [String], shown: Int) -> String {
    let head = list(Array(names.prefix(shown)))
    return names.count > shown ? head + " and \(ReportValue.grouped(names.count - shown)) more" : head
  }
  func threatType(_ t: ThreatType) -> String {
    switch t {
    case .intentional: return "intentional causes"
    case .unintentional: return "unintentional causes"
    case .disaster: return "disasters"
    case .spillover: return "spill-over from other sectors"
    }
  }
  func topicStatus(_ s: TopicStatus) -> String { s.rawValue }
  func weightUnit(_ unit: String) -> String { unit }
  func moneyUnit(_ unit: String) -> String { unit }
  func title(ofSection id: String) -> String {
    switch id {
    case "summary": return "Summary"
    case "indicators": return "Indicators"
    case "interdependency": return "Interdependency (static)"
    case "dynamic": return "Dynamic analysis"
    case "restoration": return "Restoration priorities"
    case "inoperability": return "Inoperability"
    case "common-threats": return "Common threats"
    case "common-modes": return "Hidden common modes"
    case "changes": return "Changes since last year"
    case "methods": return "Methods and provenance"
    default: return id
    }
  }
  func recordKind(_ k: RecordKind) -> String {
    switch k {
    case .sector: return "sector"
    case .asset: return "system or asset"
    case .service: return "CI service"
    case .threat: return "threat"
    case .scenario: return "scenario name"
    case .scenarioDescription: return "scenario description"
    case .topic: return "analysis topic"
    case .provenance: return "dataset provenance"
    }
  }
  var columnIndicator: String { "indicator" }
  var columnSector: String { "sector" }
  var columnThreatType: String { "threat type" }
  var columnChange: String { "change" }
  var total: String { "total" }
  var nobody: String { "nobody" }
  var itemValueColumns: [String] { ["item", "value"] }

  // MARK: Document

  func reportTitle(year: Int, dataset: String) -> String { "Common threat analysis \(self.year(year)): \(dataset)" }
  func warningNoData(year: Int, audience: SharingScope) -> String {
    "No incident of \(self.year(year)) is visible to TLP:\(audience.rawValue): the year's counts are shown as \"no data\" (not zero), "
      + "and the sections built from incidents have nothing to say about \(self.year(year))."
  }
  func caveatSyntheticHistory(dataset: String) -> String {
    "The incident history of \(dataset) is SYNTHETIC (generated for demonstration); every count, trend and "
      + "common-threat finding built from it illustrates the method, not real events. Sections that use it say so."
  }
  func caveatSuppression(audience: SharingScope, k: Int, dominance: String?) -> String {
    "This report is marked TLP:\(audience.rawValue): records marked above it are not used, and no operator is named. "
      + "Counts from fewer than \(k) reporting organisations\(dominance.map { ", or where one organisation holds more than \($0) % of the incidents," } ?? "") "
      + "are withheld (shown as \"x\"), and so are the counts that would let one be worked out from totals, other "
      + "tables, other years or the other edition (CLEAR and GREEN); the methods chapter gives the audit."
  }
  var syntheticSection: String { "Synthetic data: the incidents behind this section are generated, not real reports." }
  var caveatLabel: String { "Caveat:" }
  var noteLabel: String { "Note:" }
  var contentsLabel: String { "Contents" }
  var countedLabel: String { "Counted:" }
  var withheldTooltip: String { "withheld by disclosure control" }
  var noDataTooltip: String { "no record of this period" }
  func noDataFor(year: Int) -> String { "No data for \(self.year(year))." }

  // MARK: Charts

  var heatmapWithheld: String { "withheld or none" }
  func heatmapScale(legend: String, maximum: String) -> String { "\(legend); darker = higher (max \(maximum))" }
  var heatmapGrey: String { "grey = none, or withheld" }
  func ganttBar(row: String, from: String, to: String?, horizon: String, unit: String) -> String {
    "\(row): down from \(from) to " + (to ?? "beyond \(horizon)") + " \(unit)"
  }
  func dendrogramMerge(_ height: String) -> String { "merge at \(height)" }

  // MARK: Summary

  func summaryNoData(year: Int, previous: String) -> String {
    "No incident of \(self.year(year)) is available to this report (no data; \(previous) in \(self.year(year - 1)))."
  }
  func summaryWithheld(year: Int, previous: String) -> String {
    "In \(self.year(year)), the number of IT failures that exceeded the verification level is withheld by disclosure control "
      + "(\(previous) in \(self.year(year - 1)))."
  }
  func summaryTotal(year: Int, total: String, sectors: Int, previous: String) -> String {
    "In \(self.year(year)), \(total) IT failures that exceeded the verification level were reported over the "
      + "\(sectors) sectors (\(previous) in \(self.year(year - 1)))."
  }
  func summaryMostFrequent(causes: [String], count: Int, partial: Bool) -> String {
    let lead = partial ? "Of the causes whose counts are published, the most frequent" : "The most frequent cause"
    let leads = partial ? "Of the causes whose counts are published, the most frequent" : "The most frequent causes"
    return causes.count == 1
      ? "\(lead) was \(causes[0]) (\(count))."
      : "\(leads) were, tied, \(causes.dropLast().joined(separator: ", ")) and \(causes.last!) (\(count) each)."
  }
  func summaryCritical(sectors: [String], failing: Int, dependents: Int) -> String {
    let reach = "\(failing) node\(failing == 1 ? "" : "s") of other sectors certainly fail (\(dependents) depend on it if no backup held)"
    return sectors.count == 1
      ? "\(sectors[0]) is the most critical sector: when it fails, with its systems and assets, \(reach)."
      : "\(sectors.count) sectors are tied as the most critical (\(sectors.dropLast().joined(separator: ", ")) and \(sectors.last!)): "
        + "when any one fails, with its systems and assets, \(reach)."
  }
  func summaryLoops(_ n: Int) -> String { "The dependency model has \(n) mutual-dependency loop\(n == 1 ? "" : "s")." }
  func summaryScenario(_ name: String, down: Int, of total: Int) -> String {
    "In the scenario \"\(name)\", \(down) of \(total) sectors lose service."
  }
  var headlineExceeded: String { "IT failures exceeding the verification level" }
  func headlineOfWhich(_ type: String) -> String { "… of which \(type)" }
  var headlineTopics: String { "Analysis topics completed / planned" }
  func headlineCaption(year: Int) -> String { "Headline figures, \(self.year(year)) and \(self.year(year - 1))" }
  var headlineBase: String { "incidents that exceeded the verification level (the topics row: analysis topics)" }
  var summaryComparisonWarning: String {
    "Comparing operators or sectors by these counts is inappropriate (the plan's own warning): they "
      + "depend on what each sector reports and on its size. Read what the numbers mean, not their rise "
      + "and fall alone."
  }

  // MARK: Key findings, notes, notable incidents

  var keyFindingsHeading: String { "Key findings" }
  var keyFindingsRules: String {
    "Found and ranked by fixed rules (Docs/Report.md): what is new in the dependency structure, new spill-over paths, the "
      + "scenario with the widest reach, the threat reaching most sectors, the largest change of a published count, the "
      + "cause whose share of the impact most exceeds its share of the incidents, the most critical sector. Ties are named as ties."
  }
  func findingNewLoops(_ n: Int, largest: Int, nodes: String) -> String {
    "\(n) mutual-dependency loop\(n == 1 ? "" : "s") formed since last year; the largest has \(largest) nodes (\(nodes))."
  }
  func findingNewSinglePoints(_ n: Int, example: String, causes: String) -> String {
    "\(n) node\(n == 1 ? " has" : "s have") new single points of failure since last year, among them \(example) (now brought down by \(causes) alone)."
  }
  func findingNewSpillovers(_ pairs: [(String, String)], year: Int) -> String {
    "\(pairs.count) spill-over path\(pairs.count == 1 ? "" : "s") reported in \(self.year(year)) and not in \(self.year(year - 1)): "
      + truncatedList(pairs.map { "\($0.0) → \($0.1)" }, limit: 5) + "."
  }
  func findingWidestScenario(_ names: [String], sectors: Int, of total: Int) -> String {
    names.count == 1
      ? "The scenario \"\(names[0])\" reaches most widely: \(sectors) of \(total) sectors lose service."
      : "\(names.count) scenarios are tied as reaching most widely (\(names.map { "\"\($0)\"" }.joined(separator: ", "))): \(sectors) of \(total) sectors lose service in each."
  }
  func findingMostCommonThreat(_ names: [String], sectors: Int, of total: Int, year: Int) -> String {
    names.count == 1
      ? "The most common threat of \(self.year(year)) is \(names[0]): it reached \(sectors) of \(total) sectors."
      : "\(names.count) threats are tied as the most common of \(self.year(year)) (\(truncatedList(names, limit: 5))): each reached \(sectors) of \(total) sectors."
  }
  func findingLargestChange(_ items: [(String, Int, Int)], year: Int) -> String {
    func one(_ i: (String, Int, Int)) -> String { "\(i.0): \(i.1) → \(i.2) (\(i.2 >= i.1 ? "+" : "")\(i.2 - i.1))" }
    return items.count == 1
      ? "The largest change of a published count from \(self.year(year - 1)) to \(self.year(year)): \(one(items[0]))."
      : "The largest changes of published counts from \(self.year(year - 1)) to \(self.year(year)), tied: "
        + items.prefix(5).map(one).joined(separator: "; ") + (items.count > 5 ? "; …" : "") + "."
  }
  func findingImpactConcentration(_ items: [(String, String, String)], year: Int) -> String {
    func one(_ i: (String, String, String)) -> String { "\(i.0) hold \(i.1) % of the user-hours lost from \(i.2) % of the incidents" }
    return items.count == 1
      ? "Impact is not incidence: in \(self.year(year)), \(one(items[0]))."
      : "Impact is not incidence: in \(self.year(year)), tied, " + items.map(one).joined(separator: "; ") + "."
  }
  func findingMostCritical(_ sectors: [String], failing: Int) -> String {
    sectors.count == 1
      ? "\(sectors[0]) is the most critical sector: \(failing) nodes of other sectors certainly fail with it."
      : "\(sectors.count) sectors are tied as the most critical (\(list(sectors))): \(failing) nodes of other sectors certainly fail with each."
  }
  var notesHeading: String { "Findings and recommendations of the analyst" }
  var notesNote: String { "Written by the analyst and shown as written (rensa report --notes); Rensa computed none of it." }
  var notableHeading: String { "Notable incidents" }
  func notableWithheld(audience: SharingScope) -> String {
    "Case studies of single incidents are in the AMBER edition: below AMBER a single incident is a count from one "
      + "reporting organisation, which the disclosure rules of TLP:\(audience.rawValue) withhold."
  }
  func notableNone(year: Int) -> String { "No incident of \(self.year(year)) exceeded the verification level." }
  func notableIntroduction(_ n: Int, of total: Int) -> String {
    "The \(n) of the year's \(total) incidents over the verification level with the largest impact (user-hours, then "
      + "hours), without operator, reporter or reference:"
  }
  func caseStudy(
    month: Int, year: Int, sector: String, type: String, threat: String?, hours: Double?, users: Int?, origin: String?, summary: String?
  ) -> String {
    let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    var parts = ["\(months[month - 1]) \(year), \(sector): \(type)" + (threat.map { " (\($0))" } ?? "")]
    if let origin { parts.append("spilled over from \(origin)") }
    if let hours { parts.append("\(NumberFormat.number(hours)) h") }
    if let users { parts.append("\(ReportValue.grouped(users)) users affected") }
    return parts.joined(separator: "; ") + "." + (summary.map { " " + $0 } ?? "")
  }

  // MARK: Indicators

  var indicatorsIntroduction: String {
    "The plan's indicator of the operators' measures is the number of IT failures that exceeded the verification "
      + "level, totalled over the sectors. The tables count incidents visible to this report's audience, by the "
      + "year they occurred."
  }
  var indicatorsBase: String { "incidents that exceeded the verification level, by the year they occurred" }
  var indicatorsByTypeCaption: String { "IT failures exceeding the verification level, by threat type and year" }
  func indicatorsNoData(years: [Int]) -> String {
    "No data for \(years.map(year).joined(separator: ", ")): no incident of \(years.count == 1 ? "that year" : "those years") "
      + "is available to this report. \"No data\" is not zero; the chart leaves a gap."
  }
  func indicatorsTrendTitle(from a: Int, to b: Int) -> String { "IT failures exceeding the verification level, \(years(from: a, to: b))" }
  func indicatorsTrendAlt(from a: Int, to b: Int, year: Int, total: String) -> String {
    "Lines of the yearly counts by threat type and in total, \(self.year(a)) to \(self.year(b)); a gap is a withheld count "
      + "or a year with no data. Total in \(self.year(year)): \(total)."
  }
  // The plan's further categories.
  func quarter(_ q: Int) -> String {
    let months = fiscalYear
      ? ["April–June", "July–September", "October–December", "January–March"]
      : ["January–March", "April–June", "July–September", "October–December"]
    return "Q\(q) (\(months[q - 1]))"
  }
  func severityLevel(_ level: Int) -> String {
    let words = [
      "no effect on the continuity or safety of the service", "almost no effect", "some effect", "a large effect",
      "an extremely serious effect (crisis)",
    ]
    return "severity \(level): \(words[level])"
  }
  var severityNotRated: String { "severity not rated" }
  func securityProperty(_ p: SecurityProperty) -> String {
    switch p {
    case .confidentiality: return "confidentiality affected"
    case .integrity: return "integrity affected"
    case .availability: return "availability affected"
    }
  }
  var categoriesCaption: String { "IT failures exceeding the verification level by quarter, severity and security property affected, by year" }
  var columnCategory: String { "category" }
  var categoriesBase: String {
    "incidents that exceeded the verification level; each falls in one quarter and one severity row, and counts under every "
      + "property it affected (so the property rows can add up to more than the total); severity levels as in Docs/Severity.md"
  }
  // Impact-weighted statistics.
  func impactHeading(year: Int) -> String { "Impact in \(self.year(year)): user-hours lost" }
  func impactNone(year: Int) -> String {
    "No incident over the verification level in \(self.year(year)) reported both its duration and the number of users affected."
  }
  func impactIntroduction(year: Int, reported: String?, of total: String) -> String {
    "Counting incidents weighs a ten-minute outage like a week-long one. User-hours lost (duration × users affected) weigh "
      + "each by its impact: a cause or sector can hold a small share of the incidents and most of the impact. "
      + (reported.map { "In \(self.year(year)), \($0) of the \(total) incidents over the verification level reported both their duration and users affected; " }
        ?? "In \(self.year(year)), \(total) incidents exceeded the verification level; ")
      + "the user-hours and their shares are of those that reported both their duration and users affected, the incident "
      + "counts and shares are of all of them."
  }
  func servicesAmberOnly(audience: SharingScope) -> String {
    "The counts by CI service are published at TLP:AMBER and above only, not in this TLP:\(audience.rawValue) edition: "
      + "they split the sectors' counts into cells too small to publish, and protecting them would withhold sector counts "
      + "and yearly totals (Docs/Report.md, \"Impact-weighted statistics\")."
  }
  func impactByCauseCaption(year: Int) -> String { "Share of incidents and share of user-hours lost, by cause, \(self.year(year))" }
  func impactBySectorCaption(year: Int) -> String { "Share of incidents and share of user-hours lost, by sector, \(self.year(year))" }
  var impactColumns: [String] { ["incidents", "share of incidents", "user-hours lost", "share of user-hours"] }
  var impactBase: String {
    "incidents that exceeded the verification level; user-hours = duration (hours) × users affected, of those reporting both"
  }
  func impactNote(percent: String) -> String {
    "An incident with several causes counts under each cause, in incidents and in user-hours, so the cause rows can add up "
      + "to more than the total. A sum of user-hours is withheld (x) when it comes from fewer reporters than a count may, or "
      + "when one reporter dominates it (the p % rule, p = \(percent)), and so is any sum from which such a one could be "
      + "estimated to within \(percent) % (Docs/Report.md, \"Impact-weighted statistics\")."
  }
  var servicesCaption: String { "IT failures exceeding the verification level, by CI service and year" }
  var columnService: String { "CI service" }
  var servicesBase: String { "incidents that exceeded the verification level and name the CI service they affected" }
  var severalCausesNote: String {
    "An incident with several causes counts under each of them: the rows by threat type can add up to more than the total."
  }
  var nearMissesCaption: String { "Near misses reported, by year" }
  var nearMissesRow: String { "near misses (not counted as IT failures)" }
  var nearMissesBase: String { "near misses (something could have failed and did not), kept apart from the failures above" }
  var indicatorsBySectorCaption: String { "IT failures exceeding the verification level, by sector and year" }
  var indicatorsComparisonWarning: String {
    "Comparing sectors (or operators) by these counts is inappropriate: the plan says so itself. "
      + "Sectors differ in size, in what they must report and in how they report it."
  }
  func spilloversHeading(year: Int) -> String { "Spill-over failures in \(self.year(year))" }
  func spilloversNone(year: Int) -> String {
    "No spill-over failure (an incident caused by another sector's failure) that exceeded the verification level was reported in \(self.year(year))."
  }
  func spilloversCaption(year: Int) -> String { "Spill-over failures in \(self.year(year)): originating sector → affected sector" }
  var spilloversColumns: [String] { ["originating sector", "affected sector", "incidents"] }
  var spilloversBase: String {
    "incidents that exceeded the verification level and were caused by another sector's failure (the headline's "
      + "spill-over row counts the same incidents by their cause)"
  }
  func topicsHeading(year: Int) -> String { "Analysis topics \(self.year(year)): planned and completed" }
  func topicsNone(year: Int) -> String { "The dataset lists no analysis topic for \(self.year(year))." }
  func topicsCompleted(_ done: Int, of total: Int, year: Int) -> String {
    "\(done) of the \(total) topics planned for \(self.year(year)) were completed."
  }
  func topicsCaption(year: Int) -> String { "Common-threat analysis topics planned for \(self.year(year))" }
  var topicsColumns: [String] { ["topic", "priority", "status", "found useful (operators)"] }

  // MARK: Programme indicators (§IV-1)

  var programmeHeading: String { "Information sharing and exercises (the plan's §IV-1)" }
  var programmeIntroduction: String {
    "The plan evaluates information sharing by what the centre sent, what the CEPTOARs shared and how many operators "
      + "found it useful, and the cross-sector exercises by who took part and whether they found them useful. These are "
      + "programme statistics given by the dataset, not incident counts: they are published as given."
  }
  func programmeNone(from a: Int, to b: Int) -> String {
    "The dataset gives no information-sharing or exercise figures for \(years(from: a, to: b)) (sharingIndicators, exercises)."
  }
  func programmeCaption(from a: Int, to b: Int) -> String { "Information sharing and cross-sector exercises, \(years(from: a, to: b))" }
  var programmeBase: String { "programme statistics of the dataset (not incidents); \"no data\": no figure for the year" }
  var programmeItemsSent: String { "items the centre sent" }
  var programmeItemsShared: String { "items shared in the CEPTOARs" }
  var programmeOperatorsUseful: String { "operators who found the information useful" }
  var programmeExercises: String { "cross-sector exercises held" }
  var programmeParticipants: String { "exercise participants" }
  var programmeExercisesUseful: String { "participants who found the exercises useful" }
  var programmeIllustrative: String {
    "Figures the dataset marks as illustrative are examples of the indicators, not published figures."
  }

  // MARK: Interdependency

  func interdependencyIntroduction(dataset: String, dependencies: Int, sectors: Int, assets: Int) -> String {
    "The dependency model of \(dataset) has \(dependencies) dependencies between "
      + "\(sectors) sectors and \(assets) systems and assets. A row depends on a column."
  }
  var dependencyMatrixTitle: String { "Direct dependencies between sectors" }
  var dependencyMatrixAlt: String {
    "Heatmap of the number of direct dependencies of each sector (row) on each other sector (column), systems and assets counted under their sector."
  }
  var dependencyMatrixLegend: String { "dependencies of the row on the column" }
  var closureNoDependency: String { "none: neither the sector nor any of its systems and assets has a dependency in the model" }
  var closureCaption: String { "Transitive dependencies of each sector, its systems and assets included" }
  var closureColumns: [String] {
    ["sector", "depends on (nodes)", "depended on by (all required)", "fail with it (backups honoured)", "depth",
     "sectors it depends on, directly or not"]
  }
  var closureBase: String {
    "nodes outside the sector (its own node, systems and assets are not counted); \"fail with it\": what certainly "
      + "fails when the whole sector fails; depth: the deepest of its nodes"
  }
  var loopsHeading: String { "Mutual-dependency loops" }
  func loopsNone(depth: Int) -> String { "The model has no mutual-dependency loop: its dependency depth is \(depth)." }
  func loopsIntroduction(_ n: Int, depth: Int) -> String {
    "\(n) loop\(n == 1 ? "" : "s") (nodes that depend on each other, directly or not); dependency depth \(depth), a loop counting as one step:"
  }
  var loopsCaption: String { "Mutual-dependency loops (largest first)" }
  var loopsColumns: [String] { ["loop", "size", "nodes"] }
  func loopsMore(_ n: Int) -> String { "… and \(n) smaller loops." }
  var criticalityHeading: String { "Criticality" }
  var criticalityIntroduction: String {
    "Nodes ranked by how many other nodes certainly fail when they alone fail, honouring backups (requirement "
      + "groups); beside it the reach if every dependency were required. The gap is what redundancy buys."
  }
  var criticalityCaption: String { "Most critical nodes (top 12)" }
  var criticalityColumns: [String] { ["node", "fail with it (backups honoured)", "depend on it (all required)"] }
  var singlePointsHeading: String { "Single points of failure" }
  func singlePointsRefused(_ reason: String) -> String { "Single points of failure are not listed: \(reason)." }
  var singlePointsNone: String { "No node fails because of one other node alone: every dependency has a working backup." }
  var singlePointsCaption: String { "Nodes brought down by a single other node (backups honoured), most exposed first" }
  var singlePointsColumns: [String] { ["node", "count", "single points of failure"] }
  var criticalPairsHeading: String { "Critical pairs (N-2)" }
  var criticalPairsIntroduction: String {
    "A critical pair is two nodes whose joint failure brings down nodes that neither brings down alone: redundancy that holds against every single failure and not against two. The pairs are ranked by the nodes they bring down beyond what either member does alone (rensa closure --pairs lists every node's pairs, --k 3 the triples)."
  }
  func criticalPairsRefused(_ e: MemoryLimitExceeded) -> String {
    "Critical pairs are not listed: the single-failure rows they start from need \(formatBytes(e.bytesNeeded)) (\(e.bytesNeeded) bytes), more than the memory limit of \(formatBytes(e.limit)); raise it with --memory-limit."
  }
  var criticalPairsNone: String { "No pair of nodes brings down anything that neither brings down alone." }
  var criticalPairsCaption: String { "Pairs of nodes by what their joint failure brings down beyond either alone (groups of alternatives and k-of-n honoured)" }
  var criticalPairsColumns: [String] { ["pair", "nodes beyond either alone", "nodes failing (pair included)"] }
  func pair(_ a: String, _ b: String) -> String { "\(a) + \(b)" }

  // MARK: Dynamic

  var dynamicNoScenario: String { "The dataset defines no failure scenario." }
  var dynamicIntroduction: String {
    "Each scenario's initial failures propagate through the dependencies with their times to impact (backup "
      + "durations), delays and recovery times (Docs/Cascade.md). Bars show when each sector has any node down; "
      + "red bars are still down at the end of the horizon."
  }
  func scenarioDescription(_ description: String, source: String) -> String { description + " Source: " + source + "." }
  var scenarioAssumption: String { "This scenario's values are the dataset author's assumptions." }
  func ganttTitle(_ scenario: String) -> String { "\(scenario): sectors down over time" }
  func ganttAlt(affected: Int, of total: Int, horizon: Double, first: [(String, Double)], more: Bool, logarithmic: Bool) -> String {
    "\(affected) of \(total) sectors lose service within \(NumberFormat.significant(horizon, digits: 4)) h; "
      + first.map { "\($0.0) from \(NumberFormat.significant($0.1, digits: 4)) h" }.joined(separator: ", ")
      + (more ? ", …" : "") + "."
      + (logarithmic ? " The time axis is logarithmic, so that onsets of a few hours and outages of weeks both show." : "")
  }
  func logarithmicAxis(_ unit: String) -> String { "\(unit), logarithmic scale" }
  var sentenceBreak: String { "; " }
  func whyFailed(chain: [String], initial: Bool) -> String {
    initial ? "initial failure of the scenario" : "fails through " + chain.joined(separator: " → ")
  }
  var ganttUnit: String { "hours from the start of the scenario" }
  var dependencyCurvesHeading: String { "How long until it fails: dependency curves" }
  var dependencyCurvesIntroduction: String {
    "A node fails for every outage longer than its breakpoint, the backup its chain of dependencies gives it, so the nodes a sector's outage brings down grow with the outage's length. The curves count the nodes down at some point during an outage of each sector lasting an hour to a week; rensa cascade --sweep gives every node's breakpoint, for every length at once."
  }
  var dependencyCurvesTitle: String { "Nodes failed by the length of a sector's outage" }
  func dependencyCurvesAlt(sectors: Int, longest: Double, most: Int) -> String {
    "Line chart: nodes failed against the length of the outage, one line for each of \(sectors) sectors whose outage brings down other nodes; an outage of \(durationLabel(longest)) brings down at most \(most) nodes."
  }
  var dependencyCurvesCaption: String { "Nodes failed (the sector's own node included) by the length of the sector's outage" }
  var dependencyCurvesFirstColumn: String { "sector out" }
  func durationLabel(_ hours: Double) -> String { "\(NumberFormat.number(hours)) h" }
  var dependencyCurvesNone: String { "No sector's outage, however long, brings down another node." }
  func dependencyCurvesSkipped(timelines: Int, dependencies: Int) -> String {
    "The curves are not drawn here: \(ReportValue.grouped(timelines)) cascade timelines over \(ReportValue.grouped(dependencies)) dependencies exceed the report's work budget (that of its Monte Carlo runs). rensa cascade --sweep computes them, for every length at once."
  }
  func scenarioSectorsCaption(_ scenario: String) -> String { "\(scenario): outcome by sector" }
  var scenarioSectorsColumns: [String] {
    ["sector", "first down (h)", "restored (h)", "nodes failed", "node-hours lost", "user-hours lost", "why (its first failure)"]
  }
  var notWithinHorizon: String { "not within horizon" }
  func scenarioServicesCaption(_ scenario: String) -> String { "\(scenario): CI services and their verification levels" }
  var scenarioServicesColumns: [String] { ["service", "sector", "crosses the level at (h)", "how it was judged"] }
  var levelNotCrossed: String { "not crossed" }
  var levelNotAssessable: String { "not assessable" }
  func serviceJudgement(_ j: ScenarioAnalysis.Judgement) -> String {
    func h(_ x: Double) -> String { NumberFormat.hours(x) }
    switch j {
    case .notAffected: return "not affected"
    case .shorterThanMinimum: return ""
    case .anyOutage(let hours, let ongoing): return "any outage counts; down \(h(hours))\(ongoing ? " or more" : "")"
    case .sectorDown(let hours, let ongoing, let threshold, let unit):
      return "the sector as a whole is down for \(h(hours))\(ongoing ? " or more" : ""), taken to exceed \(NumberFormat.number(threshold)) \(unit) (assumption)"
    case .usersAffected(let users, let hours, _): return "\(NumberFormat.number(users)) users affected for \(h(hours))"
    case .usersBelow(let users, let threshold): return "\(NumberFormat.number(users)) users affected, below \(NumberFormat.number(threshold))"
    case .noUserCounts: return "its assets have no user counts"
    case .noAmounts(let unit): return "the model has no amounts in \(unit)"
    }
  }
  func servicesCrossed(_ n: Int, of total: Int) -> String { "\(n) of \(total) CI services cross their verification level in this scenario." }
  func monteCarloIntroduction(events: Int, trials: Int, seed: UInt64) -> String {
    "\(events) events of this scenario are uncertain; \(trials) Monte Carlo trials (seed "
      + "\(seed)) give the ranges below: the probability that the sector is affected and the 5th, 50th and 95th "
      + "percentiles of its node-hours lost."
  }
  func monteCarloReduced(from: Int, to: Int, dependencies: Int, halfWidth: String) -> String {
    " (Reduced from \(from) trials to keep this model of \(ReportValue.grouped(dependencies)) dependencies within the report's "
      + "time budget; a probability's 95 % interval is then at most ±\(halfWidth).)"
  }
  func monteCarloCaption(_ scenario: String) -> String { "\(scenario): Monte Carlo ranges by sector" }
  var monteCarloColumns: [String] { ["sector", "probability affected", "node-hours 5 %", "median", "95 %"] }

  // MARK: Restoration

  func restorationIntroduction(crews: Int) -> String {
    "With \(crews) restoration crew\(crews == 1 ? "" : "s") working at once, what to restore first to lose "
      + "the fewest service-hours: a greedy order that re-simulates the cascade exactly, checked against the best "
      + "order when there are few repairs. Each rank says what it brings back earlier."
  }
  func restorationCaption(_ scenario: String) -> String { "\(scenario): restoration order" }
  func restorationColumns(unit: String) -> [String] { ["rank", "restore", "repair from (h)", "to (h)", "\(unit) saved", "why"] }
  func restorationWhy(_ r: ScenarioRestorationPriority.Rank, rank: Int, of count: Int, unit: String, name: (String) -> String) -> String {
    r.explanation
  }
  func restorationNotSearched(cost: String, unit: String, limit: Int) -> String {
    "This order loses \(cost) \(unit). The best order is not searched for models of more than \(ReportValue.grouped(limit)) dependencies."
  }
  func restorationCompared(cost: String, unit: String, optimal: String) -> String {
    "This order loses \(cost) \(unit); the best order loses \(optimal)."
  }
  func restorationRefused(_ reason: String) -> String { "No restoration order: \(reason)." }

  // MARK: Inoperability

  func inoperabilityNoSectorDependency(_ dependencies: Int) -> String {
    "the model reads dependencies between two sectors, and none of the dataset's \(ReportValue.grouped(dependencies)) dependencies is one"
  }
  func inoperabilityNoCoupling(_ betweenSectors: Int) -> String {
    "none of the \(ReportValue.grouped(betweenSectors)) dependencies between two sectors has a coupling (the share "
      + "of the dependent sector's output lost when the supplier is out)"
  }
  func inoperabilityRefused(_ reasons: String) -> String { reasons }
  func inoperabilityThroughAssets(_ n: Int) -> String {
    "\(ReportValue.grouped(n)) dependencies run through systems or assets, which the sector-level model does not read"
  }
  func inoperabilityNotComputed(_ why: [String], economyGiven: Bool) -> String {
    "The inoperability model was not computed: \(why.joined(separator: "; ")). To compute it, give dependencies between sectors a "
      + "\"coupling\" in (0, 1] in the dataset (Docs/DatasetFormat.md), or give an input–output table "
      + "(rensa report --io-table FILE --io-sectors FILE)."
      + (economyGiven ? " The economic losses below come from the input–output table given." : "")
  }
  func inoperabilityIntroduction(economyGiven: Bool) -> String {
    "The Leontief inoperability model q = A*q + c* with A* from the dataset's sector couplings (Docs/Inoperability.md). "
      + "The perturbation c* of a scenario is, per sector, the share of the scenario's horizon for which its initial "
      + "failures take it (or its systems and assets, each an equal share of the sector) out, weighted by their "
      + "probability."
      + (economyGiven ? "" : " No input–output table is given, so economic losses are not computed (rensa report --io-table).")
  }
  func inoperabilityCaption(_ scenario: String) -> String { "\(scenario): equilibrium inoperability by sector" }
  var inoperabilityColumns: [String] { ["sector", "perturbation c*", "inoperability q"] }
  func inoperabilitySaturated(_ n: Int, scenario: String) -> String {
    "\(n) sector\(n == 1 ? " is" : "s are") wholly inoperable (q = 1) in \(scenario): the linear model "
      + "would exceed 1 there, and the bounded model q = min(1, A*q + c*) is solved instead."
  }
  var economicHeading: String { "Economic losses" }
  func economicIntroduction(origin: String, industries: Int, unit: String) -> String {
    "Economic losses from the input–output table \(origin) (\(industries) industries, \(unit)): a sector's "
      + "outage of h hours (as above, weighted by probability and asset share) takes h / 8,760 of a year's output from the "
      + "industries it belongs to, times its share of each (the concordance). The equilibrium q = A*q + c* of the "
      + "table's model spreads it; an industry loses q × its total output. Losses are of one year's output, in "
      + "\(unit)."
  }
  var economicAssumptions: String {
    "Some shares of the concordance are assumptions of its author, not cited figures: the losses show "
      + "the method and the order of magnitude, not an estimate to quote."
  }
  func economicUnmapped(_ sectors: [String]) -> String {
    "Sectors without an industry in the concordance contribute no loss: " + list(sectors) + "."
  }
  var economicNoScenario: String { "No scenario perturbs an industry of the table." }
  func economicLossCaption(_ scenario: String, unit: String) -> String { "\(scenario): economic loss by industry (\(unit))" }
  func economicLossColumns(unit: String) -> [String] { ["industry", "perturbation c*", "inoperability q", "loss (\(unit))"] }
  func economicScenariosCaption(unit: String) -> String { "Scenarios by total economic loss (\(unit))" }
  var economicScenariosColumns: [String] { ["scenario", "direct loss", "total loss", "total / direct"] }

  // MARK: Common threats

  func commonThreatsNoIncident(year: Int) -> String {
    "No incident of \(self.year(year)) is visible to this audience: no common-threat findings."
  }
  func commonThreatsSuppressed(k: Int) -> String {
    "Sector–threat counts withheld by disclosure control (fewer than \(k) reporting organisations, or "
      + "protecting such a count) are left out of these findings, which use only what this audience may see; a threat is "
      + "called new only where every earlier count of it is 0."
  }
  func commonThreatsIntroduction(year: Int) -> String {
    "Sectors are compared by the catalogue threats of their incidents in \(self.year(year)) (Jaccard distance on presence, "
      + "average linkage, leaves in optimal order). Threats that reach many sectors are common threats."
  }
  func reachCaption(year: Int) -> String { "Threats by the number of sectors they reached in \(self.year(year))" }
  var reachColumns: [String] { ["threat", "sectors", "share", "incidents", "which"] }
  func reachBase(suppressed: Bool) -> String {
    suppressed
      ? "reported incidents with the threat (any verification level), in the published sector counts: withheld counts are left out"
      : "reported incidents with the threat (any verification level)"
  }
  func cooccurringNone(year: Int) -> String { "No two threats occurred together in two or more sectors in \(self.year(year))." }
  func cooccurringCaption(year: Int) -> String { "Threats that occurred together in the same sectors in \(self.year(year))" }
  var cooccurringColumns: [String] { ["threats", "sectors", "lift", "which"] }
  var liftExplanation: String { "Lift above 1: the threats go together more often than their frequencies alone predict." }
  func threatHeatmapTitle(year: Int) -> String { "Incidents by sector and threat, \(self.year(year))" }
  func threatHeatmapAlt(year: Int) -> String {
    "Heatmap of the number of reported incidents (any verification level) of each sector (row) with each catalogue threat (column) in \(self.year(year)); white cells have none, grey cells are withheld."
  }
  var threatHeatmapLegend: String { "reported incidents (any verification level)" }
  func dendrogramTitle(year: Int) -> String { "Sectors clustered by shared threats, \(self.year(year))" }
  func dendrogramAlt(clusters: [[String]]) -> String {
    "Dendrogram of the sectors by the Jaccard distance of their threat sets (average linkage). Clusters: "
      + clusters.map { "{\(list($0))}" }.joined(separator: "; ") + "."
  }
  var dendrogramAxis: String { "Jaccard distance (average linkage)" }
  var newHeading: String { "New this year" }
  func newThisYear(year: Int, threats: [String], reach: [(String, String)]) -> String {
    (threats.isEmpty ? "No threat appeared for the first time in \(self.year(year))." : "First seen in \(self.year(year)): \(list(threats)).")
      + " "
      + (reach.isEmpty
        ? "No known threat reached a new sector."
        : "Known threats reaching a sector for the first time: " + reach.map { "\($0.0) → \($0.1)" }.joined(separator: ", ") + ".")
  }
  var commonModeHeading: String { "Vendor and product common-mode exposure" }
  var commonModeNone: String { "The threat catalogue names no product used in two or more sectors." }
  var commonModeCaption: String { "Products named by catalogue threats in two or more sectors" }
  var commonModeColumns: [String] { ["product", "sectors", "which"] }
  func vulnerabilitiesHeading(year: Int) -> String { "Vulnerabilities catalogued in \(self.year(year))" }
  func vulnerabilitiesNone(year: Int) -> String {
    "The threat catalogue lists no CVE that became known in \(self.year(year)). Import advisories (rensa import csaf) and CISA's KEV catalogue to fill this part."
  }
  func vulnerabilitiesCaption(year: Int, shown: Int, total: Int) -> String {
    "Catalogue threats with CVEs published in \(self.year(year)), highest CVSS first" + (shown < total ? " (\(shown) of \(total))" : "")
  }
  var vulnerabilitiesColumns: [String] { ["threat", "CVEs", "highest CVSS", "in KEV", "sectors"] }
  var identifiersHeading: String { "Exploited vulnerabilities, techniques and products in the incidents" }
  func identifiersNone(year: Int) -> String {
    "No incident of \(self.year(year)) names a CVE, an ATT&CK technique or a product."
  }
  func identifiersIntroduction(year: Int) -> String {
    "The CVEs, ATT&CK techniques and products that the incidents of \(self.year(year)) name, counted over every report (near misses apart) and ranked by the incidents that name them, with every sector they reached. This edition is TLP:AMBER or above: below it they are not published (Docs/Report.md)."
  }
  func identifiersNoneShown(kind: IncidentIdentifier.Kind, year: Int) -> String {
    "No incident of \(self.year(year)) names " + (kind == .cve ? "a CVE." : kind == .technique ? "an ATT&CK technique." : "a product.")
  }

  var identifierBase: String { "incidents naming it (all reports, near misses apart); sectors: those where an operator reported it" }
  func exploitedCaption(year: Int) -> String { "Exploited vulnerabilities in the incidents of \(self.year(year)), by incidents" }
  var exploitedColumns: [String] { ["CVE", "KEV", "incidents", "sectors", "which"] }
  func kevMark(added: String, ransomware: Bool) -> String { "since \(added)" + (ransomware ? ", ransomware" : "") }
  var notInKEV: String { "no" }
  var kevNotGiven: String { "No KEV catalogue was given (rensa report --kev FILE): whether each CVE is known to be exploited is not shown." }
  func techniquesCaption(year: Int) -> String { "ATT&CK techniques in the incidents of \(self.year(year)), by sectors reached" }
  var techniquesColumns: [String] { ["technique", "name", "sectors", "incidents", "which"] }
  func productsInIncidentsCaption(year: Int) -> String { "Products named by the incidents of \(self.year(year))" }
  var productsInIncidentsColumns: [String] { ["product", "incidents", "sectors", "which", "KEV entries"] }
  var inventoryNone: String {
    "No asset of the model names its products or vendors (Docs/DatasetFormat.md, assets): the common modes of the inventory cannot be shown."
  }
  func inventorySharedNone(assets: Int) -> String {
    "\(assets) asset\(assets == 1 ? " names its" : "s name their") products or vendors; no product is run in two or more sectors."
  }
  func inventorySharedCounted(products: Int, vendors: Int, widest: Int) -> String {
    "The model's assets share \(products) product\(products == 1 ? "" : "s") and \(vendors) vendor\(vendors == 1 ? "" : "s") or service provider\(vendors == 1 ? "" : "s") across two or more sectors (the widest across \(widest) sectors). Which ones, and where, is named in the TLP:AMBER edition: below it the report does not list which systems run what."
  }
  func navigatorName(year: Int) -> String { "Techniques in the incidents of \(self.year(year)), by sectors reached" }
  func navigatorChangeName(year: Int) -> String { "Techniques in the incidents: \(self.year(year)) against \(self.year(year - 1))" }
  func navigatorDescription(year: Int, change: Bool, marking: String, k: Int?) -> String {
    (change
      ? "Score: sectors reached in \(self.year(year)) minus those in \(self.year(year - 1))."
      : "Score: sectors reached in \(self.year(year)).")
      + (k.map { " A sector counts where \($0) or more operators reported the technique there; techniques whose count the report withholds are left out." } ?? "")
      + " From the annual common-threat report (Rensa), \(marking): share as that marking allows."
  }
  func navigatorComment(incidents: String, sectors: [String]) -> String {
    "\(incidents) incident\(incidents == "1" ? "" : "s")" + (sectors.isEmpty ? "." : "; sectors: \(list(sectors)).")
  }
  func navigatorChange(lastSectors: Int, lastIncidents: String) -> String {
    "Last year: \(lastIncidents) incident\(lastIncidents == "1" ? "" : "s"), \(lastSectors) sector\(lastSectors == 1 ? "" : "s")."
  }
  var navigatorLastWithheld: String { "Last year's count was withheld: no change is scored." }
  var navigatorNoLastYear: String { "No data for last year: no change is scored." }
  func stixProducer(dataset: String) -> String { "Annual common-threat report, dataset \(dataset) (Rensa)" }
  func stixKEV(added: String, ransomware: Bool) -> String {
    "In CISA's Known Exploited Vulnerabilities catalogue since \(added)" + (ransomware ? "; known to be used in ransomware campaigns." : ".")
  }
  func stixSighting(year: Int, incidents: Int, sectors: [String]) -> String {
    "Named by \(incidents) incident\(incidents == 1 ? "" : "s") reported in \(self.year(year))"
      + (sectors.isEmpty ? "." : "; sectors where enough operators reported it to name them: \(list(sectors)).")
  }
  func identifiersInAmber(year: Int) -> String {
    "The incidents of \(self.year(year)) name CVEs, ATT&CK techniques or products. Which ones, how often and in which sectors is published in the TLP:AMBER edition (and its ATT&CK Navigator layers and STIX bundle) only: below AMBER, counts this fine would each come from few operators and tell who runs what."
  }
  var sharedProductsCaption: String { "Products the model's assets run in two or more sectors (the inventory: aggregates, no asset named)" }
  func sharedProductsColumns(year: Int) -> [String] { ["product", "sectors", "assets", "incidents \(self.year(year))", "KEV entries", "which"] }
  var sharedVendorsCaption: String { "Vendors and service providers of assets in two or more sectors" }
  var sharedVendorsColumns: [String] { ["vendor", "sectors", "assets", "which"] }
  var commonModesIntroduction: String {
    "Interdependency and common threats joined: for every dependent with alternatives to spare (k of n suppliers, k < n), what its alternatives share that defeats the redundancy. A cause is every asset running one product, depending on one vendor or service provider, standing at one site or in one hazard zone, or one single upstream node; it defeats a group when the failures it starts, through the cascade with every group's k of n honoured, take down more alternatives than the group can spare. Exact: every cause is propagated through the whole model."
  }
  func commonModesUpstreamSkipped(nodes: Int, limit: Int) -> String {
    "The model has \(ReportValue.grouped(nodes)) nodes: single upstream nodes (one cascade each) are tried up to \(ReportValue.grouped(limit)) nodes, so only shared products, vendors, sites and zones are audited here (rensa closure --common-modes tries them all)."
  }
  var commonModesNoGroups: String { "No dependent of the model has alternatives to spare: there is no redundancy to audit." }
  func commonModesByKindCaption(groups: Int) -> String { "Causes tried and groups they defeat (\(groups) groups with alternatives to spare)" }
  var commonModesByKindColumns: [String] { ["shared", "causes tried", "groups defeated"] }
  func sharedKind(_ kind: String) -> String {
    switch kind {
    case "product": return "product"
    case "vendor": return "vendor or service provider"
    case "site": return "site"
    case "hazard": return "hazard zone"
    case "cve": return "vulnerability (CVE)"
    default: return "single upstream node"
    }
  }
  func commonModesOmitted(_ n: Int, perGroup: Int) -> String {
    "Most causes of this model defeat many groups: \(ReportValue.grouped(n)) further pairs of a group and a shared attribute are not listed (\(perGroup) per group are kept, those failing fewest nodes), and the groups defeated by each kind above are counted from the pairs kept."
  }
  var commonModesNoShared: String { "No shared product, vendor, vulnerability, site or hazard zone takes down more alternatives than a group can spare." }
  func hiddenCommonModesCaption(named: Bool) -> String {
    "Groups of alternatives defeated by what the alternatives share" + (named ? "" : " (what is shared named at TLP:AMBER and above)")
  }
  var hiddenCommonModesColumns: [String] { ["dependent", "needs", "shared", "alternatives lost", "nodes failing"] }
  func needs(_ k: Int, of alternatives: [String]) -> String { "\(k) of \(list(alternatives))" }
  var commonModesWithheldAttributes: String {
    "Below TLP:AMBER the report does not name the product, vendor, site or zone an asset shares: it would list which system runs what where. The AMBER edition names them."
  }
  func moreRows(_ n: Int) -> String { "\(n) more (rensa closure --common-modes lists every one)." }
  var commonCauseReachCaption: String { "Reach of each shared cause as a common-cause scenario (rensa cascade --common-cause)" }
  var commonCauseReachColumns: [String] { ["cause", "assets sharing it", "nodes failing"] }
  var commonModesNoUpstream: String { "No single upstream node takes down more alternatives than a group can spare." }
  var upstreamCaption: String { "Groups of alternatives a single upstream node defeats" }
  var upstreamColumns: [String] { ["dependent", "needs", "single nodes that defeat it", "nearest (nodes failing)"] }
  func featurelessSectors(_ sectors: [String], year: Int) -> String {
    "\(sectors.count) entit\(sectors.count == 1 ? "y has" : "ies have") no feature in \(self.year(year)) (distance 0 to each other, "
      + "1 to the rest): " + list(Array(sectors.prefix(8))) + (sectors.count > 8 ? ", …" : "")
  }
  func stepChangesNote(_ n: Int, factor: Double, first: String, year: Int, value: Double, baseline: Double) -> String {
    "\(n) entit\(n == 1 ? "y's total jumps" : "ies' totals jump") to ≥ \(NumberFormat.number(factor))× "
      + "the earlier median (first: \(first) in \(self.year(year)), \(NumberFormat.number(value)) against \(NumberFormat.number(baseline))); "
      + "check for a change in labelling or reporting before reading them as trends"
  }
  func noStepCheck(years: Int) -> String { "\(years) year\(years == 1 ? "" : "s") of data: no step-change check (needs 3)" }

  // MARK: Changes

  func changesOfWhich(_ type: String) -> String { "… \(type)" }
  func changesCaption(year: Int) -> String { "Indicators, \(self.year(year - 1)) and \(self.year(year))" }
  var changesBase: String { "incidents that exceeded the verification level; a change only between two published counts" }
  func clusterAgreement(year: Int, clusters: Int, index: String) -> String {
    "Sector clusters by shared threats, \(self.year(year - 1)) against \(self.year(year)) (\(clusters) clusters): adjusted "
      + "Rand index \(index) (1 = unchanged, about 0 = unrelated)."
  }
  var clusterNoMoves: String { "No sector left its cluster." }
  func clusterMovesCaption(year: Int) -> String { "Sectors that left their cluster since \(self.year(year - 1))" }
  var clusterMovesColumns: [String] { ["sector", "was with", "is now with"] }
  func stepChange(_ sector: String, value: String, year: Int, baseline: String) -> String {
    "\(sector): \(value) incidents in \(self.year(year)) against a median of \(baseline) before; check for a change in reporting."
  }
  func clusterNoPreviousYear(year: Int) -> String { "No incidents of \(self.year(year - 1)) are visible: cluster changes cannot be computed." }
  var dependenciesHeading: String { "Dependencies" }
  var dependenciesOneVersion: String {
    "The dataset holds one version of the dependency model; changes in dependencies need last year's dataset "
      + "(rensa report --previous FILE)."
  }
  func dependenciesUnchanged(previous: String, version: String, count: Int) -> String {
    "Against \(previous) version \(version): the dependency model is unchanged (\(count == 1 ? "1 dependency" : "\(ReportValue.grouped(count)) dependencies"))."
  }
  func dependenciesChanged(
    previous: String, version: String, added: Int, removed: Int, changed: Int, nodesAdded: Int, nodesRemoved: Int
  ) -> String {
    "Against \(previous) version \(version): \(added == 1 ? "1 dependency" : "\(ReportValue.grouped(added)) dependencies") added, "
      + "\(ReportValue.grouped(removed)) removed and \(ReportValue.grouped(changed)) changed; "
      + "\(ReportValue.grouped(nodesAdded)) sectors, systems or assets new and \(ReportValue.grouped(nodesRemoved)) gone."
  }
  var sectorPairsUnchanged: String {
    "Between sectors nothing changed: every sector depends on the same sectors as last year, directly and transitively."
  }
  var pairNew: String { "new" }
  var pairGone: String { "gone" }
  var pairUnchanged: String { "unchanged" }
  var sectorPairsCaption: String { "Dependencies between sectors that appeared or went since last year" }
  var sectorPairsColumns: [String] { ["sector", "depends on", "directly", "directly or not"] }
  var changeAdded: String { "added" }
  var changeRemoved: String { "removed" }
  var changeChanged: String { "changed" }
  func dependencyKind(_ k: DependencyKind) -> String { k.rawValue }
  func fieldChanges(_ changes: [DependencyChanges.FieldChange]) -> String {
    changes.map { "\($0.field) \($0.before) → \($0.after)" }.joined(separator: "; ")
  }
  func describe(_ d: Dependency) -> String {
    var parts = [d.kind.rawValue]
    if let g = d.group { parts.append("group \(g) (need \(d.need))") }
    if d.timeToImpactHours > 0 { parts.append("time to impact \(NumberFormat.significant(d.timeToImpactHours, digits: 4)) h") }
    if d.probability < 1 { parts.append("probability \(NumberFormat.significant(d.probability, digits: 3))") }
    return parts.joined(separator: ", ")
  }
  var dependencyChangesCaption: String { "Dependencies added, removed and changed (supplier → dependent)" }
  var dependencyChangesColumns: [String] { ["change", "supplier", "dependent", "what"] }
  func dependencyChangesHidden(shown: Int, added: Int, removed: Int, changed: Int) -> String {
    "The table shows at most \(shown) of each kind; not shown: \(added) added, \(removed) removed, \(changed) changed "
      + "(the JSON of DependencyChanges lists all)."
  }
  func nodesNew(_ names: String) -> String { "New in the model: \(names)." }
  func nodesGone(_ names: String) -> String { "Gone from the model: \(names)." }
  var loopsSame: String { "Mutual-dependency loops: the same as last year." }
  var loopChangesCaption: String { "Mutual-dependency loops formed or broken (a loop that grew or shrank appears twice)" }
  var loopChangesColumns: [String] { ["change", "size", "nodes"] }
  var loopFormed: String { "formed" }
  var loopBroken: String { "broken" }
  func refusal(_ e: MemoryLimitExceeded) -> String { e.description }
  func singlePointsNotCompared(_ reason: String) -> String { "Single points of failure are not compared: \(reason)." }
  var singlePointsSame: String { "Single points of failure: the same as last year." }
  func singlePointChangesCaption(total: Int) -> String {
    "Nodes whose single points of failure changed (backups honoured), most changes first (top 15 of \(total))"
  }
  var singlePointChangesColumns: [String] { ["node", "new single points of failure", "no longer single points of failure"] }

  // MARK: Methods

  var disclosureHeading: String { "Disclosure control" }
  func disclosureNothingWithheld(audience: SharingScope) -> String {
    "TLP:\(audience.rawValue) readers may see every record marked up to their level: no count is withheld."
  }
  func disclosureMethod(k: Int, dominance: String?) -> String {
    "A count of incidents from fewer than \(k) reporting organisations"
      + (dominance.map { ", or where one organisation holds more than \($0) % of the incidents," } ?? "")
      + " is withheld (primary suppression). Further counts are withheld so that none of these can be worked out "
      + "from everything the report publishes: tables and their totals, the headline, the charts, the other years shown, "
      + "and the CLEAR and GREEN editions of the same year, which are decided together (secondary suppression). "
      + "Before the report is written an audit solves, for every withheld count, its least and greatest value "
      + "consistent with all published counts (non-negative integers; a withheld count is at least 1): each must be "
      + "able to take at least \(k) values. A year's pattern depends only on that year's records, so every report "
      + "showing the year withholds the same counts while its records do not change."
  }
  func auditCaption(years: [Int]) -> String { "Disclosure audit of the years shown (\(list(years.map(year))))" }
  func asPublishedNote(_ items: [(Int, String, String)], impact: Bool) -> String {
    let list = items.map { "\(self.year($0.0)) (\($0.2), recorded \($0.1))" }
    return "Shown as first published: " + self.list(list) + (impact ? ", the user-hours included" : "")
      + ". Their figures are not decided again on records added or updated since: the difference between two editions "
      + "of almost the same records would give the changed records away. Later changes count in the years not yet published "
      + "(Docs/Report.md, \"Revisions\")."
  }
  func impactAuditCaption(year: Int, percent: String) -> String {
    "Disclosure audit of the user-hours sums of \(self.year(year)) (p % rule, p = \(percent))"
  }
  var impactAuditPrimary: String { "sums withheld as sensitive (primary)" }
  var impactAuditSecondary: String { "sums withheld to protect them (secondary)" }
  var impactAuditAudited: String { "sensitive sums and edition differences audited" }
  var impactAuditNarrowest: String { "least uncertainty of a withheld sum (% of its value)" }
  func impactAuditPassed(percent: String) -> String { "no withheld sum can be estimated to within \(percent) %" }
  var auditPrimary: String { "counts withheld as sensitive (primary)" }
  var auditSecondary: String { "counts withheld to protect them (secondary)" }
  var auditAudited: String { "sensitive counts and edition differences audited" }
  var auditNarrowest: String { "narrowest range of a withheld count (values it can take)" }
  var auditNothingWithheld: String { "nothing withheld" }
  var auditUnbounded: String { "unbounded" }
  var auditResult: String { "audit result" }
  func auditPassed(k: Int) -> String { "every withheld count takes at least \(k) values" }
  var auditFailed: String { "FAILED" }
  var provenanceCaption: String { "How this report was made" }
  var provenanceDataset: String { "dataset" }
  func datasetVersion(_ name: String, _ version: String) -> String { "\(name), version \(version)" }
  func digestLabel(_ label: String) -> String { label }
  func provenanceDigest(_ label: String) -> String { "dataset " + label }
  var provenancePreviousDataset: String { "last year's dataset" }
  func provenancePreviousDigest(_ label: String) -> String { "last year's " + label }
  var provenanceYear: String { "year reported" }
  var provenanceAudience: String { "audience (marking)" }
  var provenanceLeastReporters: String { "least reporters behind a shown count" }
  var provenanceIncidentsUsed: String { "incidents used (visible to the audience)" }
  var notPublishedBelowAmber: String { "not published below AMBER" }
  var provenanceProvisional: String { "provisional incidents (a later report may change them)" }
  func provisionalBelowAmber(any: Bool) -> String {
    any ? "some, in the years shown: their counts may change" : "none in the years shown"
  }
  var provenanceMonteCarlo: String { "Monte Carlo seed / trials" }
  var provenanceCrews: String { "restoration crews" }
  var provenanceTrendWindow: String { "trend window" }
  var provenancePeriod: String { "years counted" }
  var provenanceLanguage: String { "language" }
  var provenanceIOTable: String { "input–output table" }
  func ioTable(origin: String, industries: Int, unit: String) -> String { "\(origin) (\(industries) industries, \(unit))" }
  var provenanceLinks: String { "sector-to-industry links" }
  func datasetProvenance(_ text: String) -> String { "Dataset provenance: " + text }
  var caveatSynthetic: String { "the incident history is synthetic" }
  func caveatAssumedScenarios(_ names: [String]) -> String { "scenario values are assumptions: " + list(names) }
  var caveatConcordance: String { "shares of the sector-to-industry concordance are assumptions" }
  func methodsParagraph(caveats: [String]) -> String {
    "Methods: closure by bit-parallel transitive closure on the condensation; failure propagation by exact "
      + "label-setting search; Monte Carlo by seeded independent trials; inoperability by LU factorisation; "
      + "clustering by scipy-identical average linkage on Jaccard distances; co-occurrence by frequent itemsets. "
      + "The same inputs, options and seed give byte-identical reports."
      + (caveats.isEmpty ? "" : " Caveats: " + caveats.joined(separator: "; ") + ".")
  }
  var untranslatedHeading: String { "Text the dataset gives in one language only" }
  func untranslatedIntroduction(_ n: Int) -> String { "\(n) texts are shown in the dataset's other language." }
  var untranslatedCaption: String { "Texts shown untranslated" }
  var untranslatedColumns: [String] { ["kind", "id", "shown as"] }
}
