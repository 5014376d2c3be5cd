import ArgumentParser
import Foundation
import Rensa
import RensaReport
import RensaCluster
import RensaGraph
import RensaLinearAlgebra
import InternalRensaUtilities

struct ClusterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Cluster entities by the threats (features) they share: distances and a scipy linkage.",
    discussion: """
      MATRIX is CSV or TSV, either wide (a header row of feature ids, the
      first column entity ids, cells 0/1 or weights) or long (columns
      entity,feature and optionally weight). Without MATRIX, the sectors
      of the built-in nisc-2009 dataset are clustered by the catalogue
      threats of its (synthetic) incidents.

      Metrics: jaccard, dice, overlap, cosine (binary: any nonzero weight
      counts as present; cosine uses the weights when they are not all
      0/1) and weighted-jaccard. An entity with no feature is at distance
      0 from another empty one and 1 from the rest (Docs/Clustering.md).
      Methods: single, complete, average, weighted, centroid, median,
      ward; the linkage equals scipy.cluster.hierarchy.linkage.

      Examples:
        rensa cluster
        rensa cluster sectors.csv --metric jaccard --method average --json
        rensa cluster pairs.csv --clusters 4
        rensa cluster sectors.csv --distances-only
        rensa cluster groups.csv --cocluster 6 --seed 1
        rensa cluster --stix enterprise-attack.json.xz --entities groups
        rensa cluster --csaf advisories.tar.xz --features cwe --years 2019-2024
        rensa cluster --findings latest --json
        rensa cluster --csaf advisories.tar.xz --features cwe --findings 2024
      """)

  @Argument(help: "Entity × feature matrix (CSV or TSV). Default: nisc-2009 sectors × threats.")
  var matrix: String?

  @Option(help: "Instead of MATRIX: an ATT&CK STIX bundle (.json or .json.xz), entities × techniques.")
  var stix: String?

  @Option(help: "With --stix: groups, software, campaigns or assets.")
  var entities: IncidenceMatrix.AttackEntities = .groups

  @Option(help: "Instead of MATRIX: CISA ICS advisories (CSAF folder or .tar.xz).")
  var csaf: String?

  @Option(help: "With --csaf: rows cisa-sectors, plan-sectors or advisories.")
  var rows: IncidenceMatrix.AdvisoryRows = .cisaSectors

  @Option(help: "With --csaf: columns cwe, vendor, product or cve.")
  var features: IncidenceMatrix.AdvisoryFeatures = .cwe

  @Option(help: "With --csaf: years released, e.g. 2019-2024 or 2023.")
  var years: String?

  @Flag(help: "With --csaf: leave out advisories labelled \"Multiple Sectors\".")
  var excludeMultipleSectors = false

  @Option(help: "With --csaf --features cve: keep only the CVEs of this KEV catalogue (.json or .csv).")
  var kev: String?

  @Option(help: "Distance: jaccard, dice, overlap, cosine or weighted-jaccard.")
  var metric: String = "jaccard"

  @Option(help: "Linkage: single, complete, average, weighted, centroid, median or ward.")
  var method: LinkageMethod = .average

  @Option(help: "Also cut the tree into at most K clusters.")
  var clusters: Int?

  @Option(help: "Also cut the tree at this height (clusters whose members are within it).")
  var threshold: Double?

  @Flag(help: "Order the dendrogram's leaves optimally (scipy's optimal_leaf_ordering).")
  var optimalOrder = false

  @Flag(help: "Print the condensed distances (scipy pdist order) and stop.")
  var distancesOnly = false

  @Option(help: "Also list the N features shared by the most entities (the common threats).")
  var shared: Int?

  @Flag(help: "Also print the mean silhouette of the cuts into 2 … 12 clusters (to choose K).")
  var silhouettes = false

  @Option(help: "Instead of a linkage: spectral co-clustering of entities and features into K blocks.")
  var cocluster: Int?

  @Option(
    help: ArgumentHelp(
      "Instead of a linkage: the common-threat findings of a year (or 'latest').",
      discussion: "Needs yearly data: the built-in dataset's incidents or --csaf."))
  var findings: String?

  @Option(help: "With --findings: the least number of entities a co-occurring set must share.")
  var minimumSupport = 2

  @Option(help: "Co-clustering: the seed of k-means++ (results depend only on it).")
  var seed: UInt64 = 0

  @Option(help: ArgumentHelp(
    "With a cut (--clusters or --threshold) of entities × ATT&CK techniques (--stix): write an ATT&CK Navigator layer (4.5) per cluster into this folder, each technique scored by the cluster's entities that use it.",
    valueName: "folder"))
  var navigator: String?

  @Flag(help: "Print JSON.")
  var json = false

  @Option(help: "Refuse distances needing more than this (e.g. 2G; default: half the memory).")
  var memoryLimit: ByteSize?

  func validate() throws {
    if let clusters, clusters < 1 { throw ValidationError("--clusters must be at least 1") }
    if let threshold, !(threshold.isFinite && threshold >= 0) { throw ValidationError("--threshold must be a number ≥ 0") }
    if clusters != nil && threshold != nil { throw ValidationError("give either --clusters or --threshold") }
    if let cocluster, cocluster < 2 { throw ValidationError("--cocluster needs at least 2 blocks") }
    if let shared, shared < 1 { throw ValidationError("--shared must be at least 1") }
    if let findings, findings != "latest" && Int(findings) == nil {
      throw ValidationError("--findings takes a year (e.g. 2026) or 'latest', not '\(findings)'")
    }
    if findings != nil && (matrix != nil || stix != nil) {
      throw ValidationError("--findings needs yearly data: use the built-in dataset (no MATRIX) or --csaf")
    }
    if findings != nil && (cocluster != nil || distancesOnly || years != nil || kev != nil) {
      throw ValidationError("--findings runs its own analysis: drop --cocluster, --distances-only, --years and --kev")
    }
    if minimumSupport < 1 { throw ValidationError("--minimum-support must be at least 1") }
    if cocluster != nil && (clusters != nil || threshold != nil || distancesOnly) {
      throw ValidationError("--cocluster replaces the linkage: drop --clusters, --threshold and --distances-only")
    }
    if [stix, csaf, matrix].compactMap({ $0 }).count > 1 { throw ValidationError("give one of MATRIX, --stix or --csaf") }
    if years != nil && csaf == nil { throw ValidationError("--years applies to --csaf") }
    if kev != nil && (csaf == nil || features != .cve) { throw ValidationError("--kev applies to --csaf --features cve") }
    if let years, parseYears(years) == nil { throw ValidationError("--years must be YEAR or FROM-TO, e.g. 2019-2024") }
    if BinaryMetric(rawValue: metric) == nil && WeightedMetric(rawValue: metric) == nil {
      throw ValidationError("unknown metric '\(metric)': use jaccard, dice, overlap, cosine or weighted-jaccard")
    }
  }

  func run() throws {
    do {
      if let findings {
        try runFindings(findings)
        return
      }
      let (data, source, synthetic, loadNotes) = try load()
      if data.entities.count < 2 {
        throw DataError([DataIssue(file: source, reason: "clustering needs at least 2 entities, found \(data.entities.count)")])
      }
      var notes: [String] = loadNotes
      if synthetic { notes.append("the incidents of the built-in dataset are synthetic; the clusters illustrate the method, not real exposure") }
      let empty = data.emptyEntities
      if !empty.isEmpty {
        notes.append("\(empty.count) entit\(empty.count == 1 ? "y has" : "ies have") no feature (distance 0 to each other, 1 to the rest): \(empty.prefix(8).joined(separator: ", "))\(empty.count > 8 ? ", …" : "")")
      }
      if let cocluster {
        if !json { for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) } }
        try printCocluster(data, blocks: cocluster, notes: notes, source: source)
        return
      }
      let distances = try computeDistances(data, notes: &notes)
      if !json { for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) } }
      if distancesOnly {
        if json {
          print(JSONValue.object([
            ("entities", .array(data.entities.map { .string($0) })), ("metric", .string(metric)),
            ("distances", .array(distances.values.map { .number($0) })),
          ]).serialized())
        } else {
          for v in distances.values { print(NumberFormat.significant(v, digits: 17)) }
        }
        return
      }
      var linkage = try Linkage(distances, method: method)
      if optimalOrder {
        linkage = try linkage.optimalLeafOrdering(distances, memoryLimit: memoryLimit?.bytes)
        let note = "leaves in optimal order: neighbouring-leaf distance sum \(NumberFormat.significant(linkage.leafOrderCost(distances), digits: 6))"
        notes.append(note)
        if !json { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
      }
      let correlation = linkage.copheneticCorrelation(distances)
      let labels: [Int]? = clusters.map { linkage.clusters(count: $0) } ?? threshold.map { linkage.clusters(threshold: $0) }
      let silhouette = labels.flatMap { try? Silhouette.scores(labels: $0, distances: distances).mean }
      if let navigator {
        guard let labels else { throw UsageError(message: "--navigator needs a cut: --clusters K or --threshold T", hint: nil) }
        try writeNavigatorLayers(data, labels: labels, folder: navigator, source: source)
      }
      let profile = silhouettes ? linkage.silhouetteProfile(distances, counts: 2...max(2, min(12, data.entities.count - 1))) : []
      if json {
        var out: [(String, JSONValue)] = [
          ("entities", .array(data.entities.map { .string($0) })),
          ("linkage", .array(linkage.merges.map { .array([.int($0.left), .int($0.right), .number($0.distance), .int($0.size)]) })),
          ("cophenetic_correlation", correlation.isFinite ? .number(correlation) : .null),
          ("metric", .string(metric)), ("method", .string(method.rawValue)),
          ("leaf_order", .array(linkage.leafOrder.map { .int($0) })),
        ]
        if let labels {
          out.append(("clusters", .array(labels.map { .int($0) })))
          out.append(("silhouette", silhouette.map { .number($0) } ?? .null))
        }
        if let shared {
          out.append(("shared_features", .array(data.featuresByReach.prefix(shared).map { r in
            .object([("feature", .string(r.feature)), ("entities", .array(r.entities.map { .string($0) })),
                     ("share", .number(r.share)), ("total", .number(r.total))])
          })))
        }
        if silhouettes {
          out.append(("silhouettes", .array(profile.map { .object([("clusters", .int($0.clusters)), ("silhouette", .number($0.silhouette))]) })))
        }
        if !notes.isEmpty { out.append(("notes", .array(notes.map { .string($0) }))) }
        print(JSONValue.object(out).serialized())
        return
      }
      printTable(data, linkage, correlation: correlation, labels: labels, source: source)
      if let silhouette { print("Mean silhouette of this cut: \(NumberFormat.significant(silhouette, digits: 3))") }
      if let shared {
        print("")
        print("Features shared by the most entities:")
        var rows: [[String]] = [["feature", "entities", "share", "total", "which"]]
        for r in data.featuresByReach.prefix(shared) {
          let which = r.entities.count <= 5 ? r.entities.joined(separator: ", ") : "\(r.entities.prefix(4).joined(separator: ", ")) and \(r.entities.count - 4) more"
          rows.append([r.feature, "\(r.entities.count)", "\(NumberFormat.number(100 * r.share)) %", NumberFormat.significant(r.total, digits: 6), which])
        }
        print(TextTable.render(rows, rightAligned: [1, 2, 3]))
      }
      if silhouettes {
        print("")
        print("Mean silhouette by number of clusters (higher is better separated):")
        var rows: [[String]] = [["clusters", "silhouette"]]
        let best = profile.max { $0.silhouette < $1.silhouette }
        for p in profile {
          rows.append(["\(p.clusters)", NumberFormat.significant(p.silhouette, digits: 3) + (p.clusters == best?.clusters ? "  ← best" : "")])
        }
        print(TextTable.render(rows, rightAligned: [0]))
      }
    } catch {
      RensaCLI.fail(error)
    }
  }

  /// One Navigator layer per cluster (and per ATT&CK domain): each technique scored by
  /// the number of the cluster's entities that use it.
  func writeNavigatorLayers(_ data: IncidenceMatrix, labels: [Int], folder: String, source: String) throws {
    // A feature is "T0800 Activate Firmware Update Mode" (--stix) or a bare id.
    func techniqueID(_ f: String) -> String { String(f.split(separator: " ").first ?? "") }
    func isTechnique(_ feature: String) -> Bool {
      let f = techniqueID(feature)
      let parts = f.split(separator: ".", omittingEmptySubsequences: false)
      guard let head = parts.first, head.count == 5, head.first == "T", head.dropFirst().allSatisfy(\.isNumber) else { return false }
      return parts.count == 1 || (parts.count == 2 && parts[1].count == 3 && parts[1].allSatisfy(\.isNumber))
    }
    let techniques = data.features.indices.filter { isTechnique(data.features[$0]) }
    guard !techniques.isEmpty else {
      throw UsageError(
        message: "--navigator: the features of \(source) are not ATT&CK technique ids (T1190, T0800, …)",
        hint: "cluster an ATT&CK bundle: --stix BUNDLE --entities groups|software|campaigns|assets")
    }
    var files: [(name: String, text: String)] = []
    for cluster in Set(labels).sorted() {
      let members = labels.indices.filter { labels[$0] == cluster }
      var byDomain: [String: [NavigatorLayer.Technique]] = [:]
      for j in techniques {
        let users = members.filter { data.weights[$0, j] > 0 }
        guard !users.isEmpty else { continue }
        let names = users.map { data.entities[$0] }
        let id = techniqueID(data.features[j])
        byDomain[NavigatorLayer.domain(of: id), default: []].append(.init(
          id: id, score: users.count,
          comment: "\(users.count) of the cluster's \(members.count) entities: \(names.prefix(8).joined(separator: ", "))\(names.count > 8 ? ", …" : "")"))
      }
      for (domain, list) in byDomain.sorted(by: { $0.key < $1.key }) {
        let short = domain == "ics-attack" ? "ics" : "enterprise"
        let memberNames = members.map { data.entities[$0] }
        files.append((
          "cluster-\(cluster).\(short).json",
          NavigatorLayer.make(
            name: "Cluster \(cluster): \(memberNames.prefix(3).joined(separator: ", "))\(memberNames.count > 3 ? " and \(memberNames.count - 3) more" : "")",
            domain: domain,
            description: "Techniques of cluster \(cluster) of \(source) (\(metric), \(method.rawValue) linkage; \(members.count) entities); score: the entities of the cluster that use the technique.",
            techniques: list, metadata: [("source", source), ("entities", memberNames.joined(separator: ", "))],
            fileName: "cluster-\(cluster).\(short).json"
          ).text))
      }
    }
    let written = try AtomicFiles.write(files, into: folder)
    if !json { FileHandle.standardError.write(Data("rensa cluster: wrote \(written.count) Navigator layer\(written.count == 1 ? "" : "s") into \(folder)\n".utf8)) }
  }

  func printCocluster(_ data: IncidenceMatrix, blocks k: Int, notes: [String], source: String) throws {
    let result = try SpectralCoclustering.fit(data.weights, clusters: k, seed: seed)
    if json {
      var out: [(String, JSONValue)] = [
        ("entities", .array(data.entities.map { .string($0) })), ("features", .array(data.features.map { .string($0) })),
        ("row_labels", .array(result.rowLabels.map { .int($0) })), ("column_labels", .array(result.columnLabels.map { .int($0) })),
        ("inertia", .number(result.inertia)), ("seed", .int(Int(seed))),
      ]
      if !notes.isEmpty { out.append(("notes", .array(notes.map { .string($0) }))) }
      print(JSONValue.object(out).serialized())
      return
    }
    print("\(data.entities.count) entities × \(data.features.count) features from \(source); spectral co-clustering into \(k) blocks (seed \(seed))")
    for b in 0..<k {
      let entities = data.entities.indices.filter { result.rowLabels[$0] == b }.map { data.entities[$0] }
      let features = data.features.indices.filter { result.columnLabels[$0] == b }.map { data.features[$0] }
      print("")
      print("Block \(b + 1): \(entities.count) entities, \(features.count) features")
      print("  entities: \(entities.prefix(20).joined(separator: ", "))\(entities.count > 20 ? ", …" : "")")
      print("  features: \(features.prefix(20).joined(separator: ", "))\(features.count > 20 ? ", …" : "")")
    }
  }

  func runFindings(_ which: String) throws {
    var options = CommonThreatFindings.Options()
    options.minimumSupport = minimumSupport
    options.method = method
    options.clusters = clusters
    guard let chosen = BinaryMetric(rawValue: metric) else {
      throw ValidationError("--findings compares entities by presence: use jaccard, dice, overlap or cosine")
    }
    options.metric = chosen
    let result: CommonThreatFindings
    let source: String
    var synthetic = false
    if let csaf {
      let (advisories, _) = try CSAFImporter.read(path: csaf)
      let year = Int(which) ?? advisories.map(\.released.year).max() ?? 0
      result = try CommonThreatFindings.advisories(
        advisories, rows: rows, features: features, year: year, excludingMultipleSectors: excludeMultipleSectors,
        options: options)
      source = "\(csaf) (\(rows.rawValue) × \(features.rawValue))"
    } else {
      let dataset = BuiltinDatasets.nisc2009()
      let year = Int(which) ?? dataset.incidents.map(\.occurred.year).max() ?? 0
      result = try CommonThreatFindings.incidents(dataset, feature: .threat, year: year, options: options)
      source = "built-in nisc-2009 incidents (sectors × catalogue threats)"
      synthetic = true
    }
    var notes = result.notes
    if synthetic { notes.insert("the incidents of the built-in dataset are SYNTHETIC: the findings illustrate the method", at: 0) }
    if json {
      print(findingsJSON(result, source: source, notes: notes).serialized())
    } else {
      printFindings(result, source: source, notes: notes)
    }
  }

  func findingsJSON(_ f: CommonThreatFindings, source: String, notes: [String]) -> JSONValue {
    func strings(_ xs: [String]) -> JSONValue { .array(xs.map { .string($0) }) }
    func reach(_ r: FeatureReach) -> JSONValue {
      .object([("feature", .string(r.feature)), ("entities", strings(r.entities)), ("share", .number(r.share)), ("total", .number(r.total))])
    }
    return .object([
      ("source", .string(source)), ("year", .int(f.year)), ("years", .array(f.years.map { .int($0) })),
      ("entities", strings(f.entities)),
      ("by_reach", .array(f.byReach.map(reach))),
      ("cooccurring", .array(f.cooccurring.map { s in
        .object([("features", strings(s.features)), ("entities", strings(s.entities)), ("share", .number(s.share)),
                 ("lift", .number(s.lift)), ("confidence", .number(s.confidence))])
      })),
      ("trends", .array(f.trends.map { t in
        .object([("feature", .string(t.feature)), ("totals", .array(t.totals.map { .number($0) })),
                 ("reach", .array(t.reach.map { .int($0) })), ("first_year", t.firstYear.map { .int($0) } ?? .null),
                 ("slope", .number(t.slope))])
      })),
      ("new_features", .array(f.newFeatures.map(reach))),
      ("new_reach", .array(f.newReach.map { .object([("feature", .string($0.feature)), ("entity", .string($0.entity))]) })),
      ("clusters", .array(f.clusters.map(strings))),
      ("previous_clusters", f.previousClusters.map { .array($0.map(strings)) } ?? .null),
      ("cluster_agreement", f.clusterAgreement.map { .number($0) } ?? .null),
      ("moves", .array(f.moves.map { .object([("entity", .string($0.entity)), ("before", strings($0.before)), ("after", strings($0.after))]) })),
      ("step_changes", .array(f.stepChanges.map { s in
        .object([("series", .string(s.series)), ("year", .int(s.year)), ("value", .number(s.value)), ("baseline", .number(s.baseline))])
      })),
      ("notes", strings(notes)),
    ])
  }

  func printFindings(_ f: CommonThreatFindings, source: String, notes: [String]) {
    func list(_ xs: [String], _ limit: Int = 6) -> String {
      xs.count <= limit ? xs.joined(separator: ", ") : "\(xs.prefix(limit - 1).joined(separator: ", ")) and \(xs.count - limit + 1) more"
    }
    print("Common-threat findings \(f.year) from \(source); years \(f.years.first!)–\(f.years.last!)")
    for note in notes { print("note: \(note)") }
    print("")
    print("Threats that reach the most entities in \(f.year):")
    var rows: [[String]] = [["threat", "entities", "share", "total", "which"]]
    for r in f.byReach.prefix(10) {
      rows.append([r.feature, "\(r.entities.count)", "\(NumberFormat.number(100 * r.share)) %", NumberFormat.significant(r.total, digits: 6), list(r.entities)])
    }
    print(TextTable.render(rows, rightAligned: [1, 2, 3]))
    print("")
    if f.cooccurring.isEmpty {
      print("No threats co-occur in \(minimumSupport) or more entities in \(f.year).")
    } else {
      print("Threats that occur together (in ≥ \(minimumSupport) entities):")
      var rows: [[String]] = [["threats", "entities", "lift", "confidence", "which"]]
      for s in f.cooccurring.prefix(12) {
        rows.append([s.features.joined(separator: " + "), "\(s.entities.count)", NumberFormat.significant(s.lift, digits: 3),
                     NumberFormat.significant(s.confidence, digits: 3), list(s.entities, 4)])
      }
      print(TextTable.render(rows, rightAligned: [1, 2, 3]))
    }
    print("")
    print("New in \(f.year): \(f.newFeatures.isEmpty ? "no threat seen for the first time" : list(f.newFeatures.map(\.feature), 10))")
    if !f.newReach.isEmpty {
      print("Known threats reaching an entity for the first time: \(list(f.newReach.map { "\($0.feature) → \($0.entity)" }, 8))")
    }
    let rising = f.trends.filter { $0.slope > 0 }.sorted { $0.slope > $1.slope }.prefix(5)
    if !rising.isEmpty {
      print("Rising over \(f.years.first!)–\(f.years.last!) (per year): \(rising.map { "\($0.feature) +\(NumberFormat.significant($0.slope, digits: 2))" }.joined(separator: ", "))")
    }
    print("")
    print("Clusters of entities in \(f.year) (\(metric), \(method.rawValue) linkage):")
    for (k, c) in f.clusters.enumerated() { print("  \(k + 1). \(list(c, 10))") }
    if let agreement = f.clusterAgreement {
      print("Since \(f.year - 1): adjusted Rand index \(NumberFormat.significant(agreement, digits: 3)) (1 = unchanged); "
        + (f.moves.isEmpty ? "no entity left its cluster." : "\(f.moves.count) left their cluster:"))
      for m in f.moves.prefix(10) {
        print("  \(m.entity): with \(m.before.isEmpty ? "nobody" : list(m.before, 4)) → with \(m.after.isEmpty ? "nobody" : list(m.after, 4))")
      }
    }
    if !f.stepChanges.isEmpty {
      print("")
      print("Step changes in entity totals (check before reading as trends):")
      for s in f.stepChanges.prefix(10) {
        print("  \(s.series): \(NumberFormat.significant(s.value, digits: 6)) in \(s.year) against a median of \(NumberFormat.significant(s.baseline, digits: 6)) before")
      }
    }
  }

  func parseYears(_ text: String) -> ClosedRange<Int>? {
    let parts = text.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    if parts.count == 1, let y = parts[0] { return y...y }
    if parts.count == 2, let a = parts[0], let b = parts[1], a <= b { return a...b }
    return nil
  }

  func load() throws -> (IncidenceMatrix, String, Bool, [String]) {
    if let csaf {
      let (advisories, _) = try CSAFImporter.read(path: csaf)
      let (data, note) = IncidenceMatrix.advisories(
        advisories, rows: rows, features: features, years: years.flatMap(parseYears),
        excludingMultipleSectors: excludeMultipleSectors)
      if let kev {
        let (entries, version) = try KEVImporter.read(path: kev)
        let exploited = data.keepingFeatures(Set(entries.map(\.cve)))
        let kept = "\(exploited.features.count) of \(data.features.count) CVEs are in the KEV catalogue\(version.map { " \($0)" } ?? "")"
        // Rows with no exploited CVE left are dropped: they say nothing shared.
        let rows = exploited.entities.indices.filter { i in (0..<exploited.features.count).contains { exploited.weights[i, $0] != 0 } }
        var m = Matrix(rows: rows.count, columns: exploited.features.count)
        for (a, i) in rows.enumerated() { for j in 0..<exploited.features.count { m[a, j] = exploited.weights[i, j] } }
        let result = IncidenceMatrix(entities: rows.map { exploited.entities[$0] }, features: exploited.features, weights: m)
        return (result, "\(csaf) (\(self.rows.rawValue) × exploited CVEs)", false, [note, kept + "; \(exploited.entities.count - rows.count) rows without one left out"])
      }
      return (data, "\(csaf) (\(rows.rawValue) × \(features.rawValue))", false, [note])
    }
    if let stix {
      let (kb, _) = try STIXImporter.read(path: stix)
      var data = IncidenceMatrix.attack(kb, entities: entities)
      // Entities that use no technique say nothing about shared techniques: leave them out.
      let keep = data.entities.indices.filter { i in (0..<data.features.count).contains { data.weights[i, $0] != 0 } }
      let dropped = data.entities.count - keep.count
      var weights = Matrix(rows: keep.count, columns: data.features.count)
      for (a, i) in keep.enumerated() { for j in 0..<data.features.count { weights[a, j] = data.weights[i, j] } }
      data = IncidenceMatrix(entities: keep.map { data.entities[$0] }, features: data.features, weights: weights)
      let notes = dropped > 0 ? ["\(dropped) \(entities.rawValue) with no technique left out"] : []
      return (data, "\(stix) (\(entities.rawValue) × techniques)", false, notes)
    }
    if let matrix { return (try IncidenceMatrix.read(path: matrix), matrix, false, []) }
    let dataset = BuiltinDatasets.nisc2009()
    return (IncidenceMatrix.sectorsByThreat(dataset, feature: .threat, binary: false), "built-in nisc-2009 incidents", true, [])
  }

  func computeDistances(_ data: IncidenceMatrix, notes: inout [String]) throws -> CondensedDistances<Double> {
    let limit = memoryLimit?.bytes ?? MemoryBudget.defaultLimit
    if let weighted = WeightedMetric(rawValue: metric), weighted == .weightedJaccard || !data.isBinary {
      if metric == "cosine" { notes.append("cosine on the weights (they are not all 0/1)") }
      return try CondensedDistances.weighted(data.weights, weighted, memoryLimit: limit)
    }
    let binaryMetric = BinaryMetric(rawValue: metric)!
    if !data.isBinary { notes.append("\(metric) is a set metric: any nonzero weight counts as present") }
    return try data.binary.distances(binaryMetric, memoryLimit: limit)
  }

  func printTable(_ data: IncidenceMatrix, _ linkage: Linkage, correlation: Double, labels: [Int]?, source: String) {
    let n = data.entities.count
    print("\(n) entities × \(data.features.count) features from \(source); \(metric) distances, \(method.rawValue) linkage")
    print("Cophenetic correlation: \(correlation.isFinite ? NumberFormat.significant(correlation, digits: 4) : "undefined (all distances equal)")")
    print("")
    // The last merges are the top of the tree: name their two sides.
    var members: [[Int]] = (0..<n).map { [$0] }
    for m in linkage.merges { members.append(members[m.left] + members[m.right]) }
    func describe(_ id: Int) -> String {
      let names = members[id].map { data.entities[$0] }
      return names.count <= 4 ? names.joined(separator: ", ") : "\(names.prefix(3).joined(separator: ", ")) and \(names.count - 3) more"
    }
    let shown = min(12, linkage.merges.count)
    print("Top of the tree (last \(shown) merges; height = \(metric) distance under \(method.rawValue) linkage):")
    var rows: [[String]] = [["step", "height", "size", "joins", "with"]]
    for (k, m) in linkage.merges.enumerated().suffix(shown).reversed() {
      rows.append(["\(k + 1)", NumberFormat.significant(m.distance, digits: 4), "\(m.size)", describe(m.left), describe(m.right)])
    }
    print(TextTable.render(rows, rightAligned: [0, 1, 2]))
    print("")
    print("Leaf order (dendrogram, left to right): \(linkage.leafOrder.map { data.entities[$0] }.joined(separator: ", "))")
    if let labels {
      print("")
      print("\(Set(labels).count) clusters:")
      for label in 1...(labels.max() ?? 0) {
        let names = labels.indices.filter { labels[$0] == label }.map { data.entities[$0] }
        print("  \(label): \(names.joined(separator: ", "))")
      }
    }
  }
}

extension BinaryMetric: ExpressibleByArgument {}
extension LinkageMethod: ExpressibleByArgument {}
extension IncidenceMatrix.AttackEntities: ExpressibleByArgument {}

extension IncidenceMatrix.AdvisoryRows: ExpressibleByArgument {}
extension IncidenceMatrix.AdvisoryFeatures: ExpressibleByArgument {}
