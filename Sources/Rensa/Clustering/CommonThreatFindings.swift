import RensaCluster
import RensaLinearAlgebra

/// The common-threat findings of one year, as plain data: the input of the annual
/// report's common-threat chapter and of `rensa cluster --findings`.
///
/// Built from one entity × feature matrix per year (sectors × threats, sectors × CWEs,
/// …; ``IncidenceMatrix/sectorsByThreat(_:feature:years:binary:)`` or
/// ``IncidenceMatrix/advisories(_:rows:features:years:excludingMultipleSectors:)`` for a
/// single year). Entities and features are matched across years by id. A feature is
/// *present* for an entity in a year when its weight is nonzero.
public struct CommonThreatFindings: Sendable {
  /// Features that several entities share in the same year.
  public struct FeatureSet: Sendable, Hashable {
    /// The features, in feature order.
    public var features: [String]
    /// The entities where all of them are present.
    public var entities: [String]
    /// `entities.count` divided by the number of entities.
    public var share: Double
    /// share / Π share(feature): above 1 when the features go together more often than
    /// chance predicts.
    public var lift: Double
    /// The highest confidence of a rule (set − {f}) → f.
    public var confidence: Double
  }

  /// One feature across the years of the window.
  public struct Trend: Sendable, Hashable {
    public var feature: String
    /// Total weight per year of ``CommonThreatFindings/years`` (incident or advisory counts
    /// when the matrices hold counts).
    public var totals: [Double]
    /// Entities reached per year.
    public var reach: [Int]
    /// The first year of the window with the feature present, if any.
    public var firstYear: Int?
    /// Least-squares slope of `totals` per year (0 for a single year).
    public var slope: Double
  }

  /// A year in which an entity's total jumps well above its own past (at least three
  /// years of data): a possible data artefact (a change in labelling or in reporting)
  /// to check before reading it as a trend.
  public struct StepChange: Sendable, Hashable {
    /// The entity whose yearly total jumped.
    public var series: String
    public var year: Int
    public var value: Double
    /// The median of the earlier years of the window.
    public var baseline: Double
  }

  /// An entity that left its cluster since the previous year.
  public struct Move: Sendable, Hashable {
    public var entity: String
    /// The other members of its cluster the previous year.
    public var before: [String]
    /// The other members of its cluster this year.
    public var after: [String]
  }

  /// How the analysis was run.
  public struct Options: Sendable, Hashable {
    /// The least number of entities a co-occurring set must share.
    public var minimumSupport = 2
    /// The largest co-occurring set (pairs and triples by default).
    public var largestSet = 3
    /// The most co-occurring sets reported per size, strongest first.
    public var setsPerSize = 50
    /// Distance between entities (on presence).
    public var metric: BinaryMetric = .jaccard
    /// Linkage method.
    public var method: LinkageMethod = .average
    /// Clusters per year; nil: the count with the best mean silhouette this year
    /// (2 … min(8, entities − 1)), used for the previous year too.
    public var clusters: Int? = nil
    /// A step change is a value ≥ `stepFactor` × the median of the earlier years …
    public var stepFactor = 3.0
    /// … and ≥ `stepMinimum`.
    public var stepMinimum = 10.0

    public init() {}
  }

  /// The year of the findings.
  public var year: Int
  /// All years of the window, ascending (the trends cover them).
  public var years: [Int]
  /// Entities (union over the window, in order of first appearance).
  public var entities: [String]
  /// Features ranked by the entities they reach this year.
  public var byReach: [FeatureReach]
  /// Pairs (then triples, …) present together in at least `minimumSupport` entities
  /// this year, by size, then entities, then lift.
  public var cooccurring: [FeatureSet]
  /// Every feature of the window, by its total this year (most first), then its id.
  public var trends: [Trend]
  /// Features present this year and in no earlier year of the window, by reach.
  public var newFeatures: [FeatureReach]
  /// (feature, entity) pairs present this year and in no earlier year, for features
  /// that were present somewhere before: old threats reaching new entities.
  public var newReach: [(feature: String, entity: String)]
  /// This year's clusters of entities (lists of ids), largest first.
  public var clusters: [[String]]
  /// The previous year's clusters with the same count, if that year is in the window.
  public var previousClusters: [[String]]?
  /// Adjusted Rand index between the previous and this year's clustering (1 = same).
  public var clusterAgreement: Double?
  /// Entities that left their cluster since the previous year: each previous cluster
  /// is matched to the current cluster holding most of its members, and an entity
  /// moved when it is not in that match (so a cluster that grows or merges moves
  /// nobody).
  public var moves: [Move]
  /// Series that jump well above their past (see ``StepChange``).
  public var stepChanges: [StepChange]
  /// Caveats: empty entities, too few years, flagged artefacts (in English; the fields
  /// below hold them as values).
  public var notes: [String]
  /// Entities with no feature in the year (distance 0 to each other, 1 to the rest).
  public var featurelessEntities: [String]
  /// The factor over the earlier median that flags a step change (``Options/stepFactor``).
  public var stepFactor: Double

  /// Computes the findings of `year` from yearly matrices.
  ///
  /// - Throws: ``DataError`` when `year` has no matrix or fewer than two entities.
  public init(yearly: [Int: IncidenceMatrix], year: Int, options: Options = Options()) throws {
    guard yearly[year] != nil else {
      throw DataError([DataIssue(
        file: "findings", reason: "no data for \(year)",
        hint: "years with data: \(yearly.keys.sorted().map(String.init).joined(separator: ", "))")])
    }
    let years = yearly.keys.filter { $0 <= year }.sorted()
    self.year = year
    self.years = years
    // The union of entities and features, in order of first appearance.
    var entities: [String] = []
    var entityIndex: [String: Int] = [:]
    var features: [String] = []
    var featureIndex: [String: Int] = [:]
    for y in years {
      for e in yearly[y]!.entities where entityIndex[e] == nil {
        entityIndex[e] = entities.count
        entities.append(e)
      }
      for f in yearly[y]!.features where featureIndex[f] == nil {
        featureIndex[f] = features.count
        features.append(f)
      }
    }
    guard entities.count >= 2 else {
      throw DataError([DataIssue(file: "findings", reason: "the findings need at least 2 entities, found \(entities.count)")])
    }
    self.entities = entities
    // Aligned matrices: year → entities × features (union).
    var aligned: [Int: Matrix] = [:]
    for y in years {
      let m = yearly[y]!
      var a = Matrix(rows: entities.count, columns: features.count)
      for (i, e) in m.entities.enumerated() {
        for (j, f) in m.features.enumerated() where m.weights[i, j] != 0 {
          a[entityIndex[e]!, featureIndex[f]!] = m.weights[i, j]
        }
      }
      aligned[y] = a
    }
    let now = IncidenceMatrix(entities: entities, features: features, weights: aligned[year]!)
    byReach = now.featuresByReach.filter { !$0.entities.isEmpty }

    // Co-occurring sets this year.
    let presence = now.binary
    let sets = try FrequentItemsets.mine(
      presence, minimumSupport: max(1, options.minimumSupport), maxSize: max(1, options.largestSet))
    var bySize: [Int: Int] = [:]
    cooccurring = sets.filter { $0.items.count >= 2 }.compactMap { s in
      bySize[s.items.count, default: 0] += 1
      if bySize[s.items.count]! > options.setsPerSize { return nil }
      return FeatureSet(
        features: s.items.map { features[$0] }, entities: s.rows.map { entities[$0] }, share: s.share, lift: s.lift,
        confidence: s.confidence)
    }

    // Trends over the window.
    let xs = years.map(Double.init)
    var trends: [Trend] = []
    for (j, f) in features.enumerated() {
      let totals = years.map { y in (0..<entities.count).reduce(0.0) { $0 + aligned[y]![$1, j] } }
      let reach = years.map { y in (0..<entities.count).filter { aligned[y]![$0, j] != 0 }.count }
      let first = years.indices.first { reach[$0] > 0 }.map { years[$0] }
      trends.append(Trend(feature: f, totals: totals, reach: reach, firstYear: first, slope: Self.slope(xs, totals)))
    }
    trends.sort { a, b in
      if a.totals.last! != b.totals.last! { return a.totals.last! > b.totals.last! }
      return a.feature < b.feature
    }
    self.trends = trends
    var firstYear: [String: Int] = [:]
    for t in trends { if let y = t.firstYear { firstYear[t.feature] = y } }
    newFeatures = years.count > 1 ? byReach.filter { firstYear[$0.feature] == year } : []
    var newReach: [(feature: String, entity: String)] = []
    if years.count > 1 {
      for (j, f) in features.enumerated() where (firstYear[f] ?? year) < year {
        for i in 0..<entities.count where aligned[year]![i, j] != 0 {
          let before = years.dropLast().contains { aligned[$0]![i, j] != 0 }
          if !before { newReach.append((f, entities[i])) }
        }
      }
    }
    self.newReach = newReach

    // Clusters this year and last year.
    var notes: [String] = []
    let distances: CondensedDistances<Double> = try presence.distances(options.metric)
    let linkage = try Linkage(distances, method: options.method)
    let count: Int
    if let k = options.clusters {
      count = max(1, min(k, entities.count))
    } else if entities.count >= 3 {
      let profile = linkage.silhouetteProfile(distances, counts: 2...min(8, entities.count - 1))
      count = profile.filter { $0.silhouette.isFinite }.max { $0.silhouette < $1.silhouette }?.clusters ?? 2
    } else {
      count = entities.count
    }
    let labels = linkage.clusters(count: count)
    clusters = Self.groups(labels, entities)
    let empty = (0..<entities.count).filter { presence.rowCounts[$0] == 0 }.map { entities[$0] }
    featurelessEntities = empty
    stepFactor = options.stepFactor
    if !empty.isEmpty {
      notes.append(
        "\(empty.count) entit\(empty.count == 1 ? "y has" : "ies have") no feature in \(year) (distance 0 to each other, "
          + "1 to the rest): " + empty.prefix(8).joined(separator: ", ") + (empty.count > 8 ? ", …" : ""))
    }
    if let previous = years.last(where: { $0 < year }), previous == year - 1 {
      let before = IncidenceMatrix(entities: entities, features: features, weights: aligned[previous]!).binary
      let d: CondensedDistances<Double> = try before.distances(options.metric)
      let previousLabels = try Linkage(d, method: options.method).clusters(count: count)
      previousClusters = Self.groups(previousLabels, entities)
      clusterAgreement = adjustedRandIndex(previousLabels, labels)
      // Each previous cluster's successor is the current cluster holding most of its
      // members (ties: the lower label); an entity moved when it is not in the successor
      // of its previous cluster. Growing, shrinking or merging clusters move nobody.
      var successor: [Int: Int] = [:]
      for p in Set(previousLabels) {
        var overlap: [Int: Int] = [:]
        for i in 0..<entities.count where previousLabels[i] == p { overlap[labels[i], default: 0] += 1 }
        successor[p] = overlap.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
      }
      var moves: [Move] = []
      for i in 0..<entities.count where successor[previousLabels[i]] != labels[i] {
        let was = (0..<entities.count).filter { $0 != i && previousLabels[$0] == previousLabels[i] }
        let now = (0..<entities.count).filter { $0 != i && labels[$0] == labels[i] }
        moves.append(Move(entity: entities[i], before: was.map { entities[$0] }, after: now.map { entities[$0] }))
      }
      self.moves = moves
    } else {
      previousClusters = nil
      clusterAgreement = nil
      moves = []
      notes.append("no data for \(year - 1): cluster changes since last year are not available")
    }

    // Step changes in each entity's yearly total against its own past: a sector whose
    // counts jump is more often relabelled or reported differently than newly exposed.
    var steps: [StepChange] = []
    if years.count >= 3 {
      let series: [(String, [Double])] = entities.indices.map { i in
        (entities[i], years.map { y in (0..<features.count).reduce(0.0) { $0 + aligned[y]![i, $1] } })
      }
      for (name, values) in series {
        for k in 2..<years.count {
          let base = Self.median(Array(values[0..<k]))
          if values[k] >= options.stepMinimum && values[k] >= options.stepFactor * max(base, 1) {
            steps.append(StepChange(series: name, year: years[k], value: values[k], baseline: base))
            break
          }
        }
      }
    }
    stepChanges = steps
    if !steps.isEmpty {
      notes.append(
        "\(steps.count) entit\(steps.count == 1 ? "y's total jumps" : "ies' totals jump") to ≥ \(Self.format(options.stepFactor))× "
          + "the earlier median (first: \(steps[0].series) in "
          + "\(steps[0].year), \(Self.format(steps[0].value)) against \(Self.format(steps[0].baseline))); check for a change "
          + "in labelling or reporting before reading them as trends")
    }
    if years.count < 3 { notes.append("\(years.count) year\(years.count == 1 ? "" : "s") of data: no step-change check (needs 3)") }
    self.notes = notes
  }

  /// Lists of entity ids per cluster label, largest first (ties: first member first).
  static func groups(_ labels: [Int], _ entities: [String]) -> [[String]] {
    var byLabel: [Int: [Int]] = [:]
    for (i, l) in labels.enumerated() { byLabel[l, default: []].append(i) }
    return byLabel.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }.map { $0.map { entities[$0] } }
  }

  static func slope(_ x: [Double], _ y: [Double]) -> Double {
    guard x.count >= 2 else { return 0 }
    let mx = x.reduce(0, +) / Double(x.count)
    let my = y.reduce(0, +) / Double(y.count)
    var sxy = 0.0
    var sxx = 0.0
    for (a, b) in zip(x, y) {
      sxy += (a - mx) * (b - my)
      sxx += (a - mx) * (a - mx)
    }
    return sxx > 0 ? sxy / sxx : 0
  }

  static func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  static func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.2f", x)
  }
}

extension CommonThreatFindings {
  /// The findings for a dataset's incidents: sectors × `feature` per year.
  public static func incidents(_ dataset: Dataset, feature: ThreatFeature, year: Int, options: Options = Options()) throws
    -> CommonThreatFindings
  {
    let years = Set(dataset.incidents.map(\.occurred.year))
    var yearly: [Int: IncidenceMatrix] = [:]
    for y in years { yearly[y] = IncidenceMatrix.sectorsByThreat(dataset, feature: feature, years: y...y) }
    return try CommonThreatFindings(yearly: yearly, year: year, options: options)
  }

  /// The findings for ICS advisories: rows × features per year of release. The
  /// "Multiple Sectors" artefact is checked and stated either way (see
  /// ``MultipleSectorsCaveat``).
  public static func advisories(
    _ advisories: [SecurityAdvisory], rows: IncidenceMatrix.AdvisoryRows, features: IncidenceMatrix.AdvisoryFeatures,
    year: Int, excludingMultipleSectors: Bool, options: Options = Options()
  ) throws -> CommonThreatFindings {
    var yearly: [Int: IncidenceMatrix] = [:]
    for y in Set(advisories.map(\.released.year)) {
      yearly[y] = IncidenceMatrix.advisories(
        advisories, rows: rows, features: features, years: y...y, excludingMultipleSectors: excludingMultipleSectors
      ).matrix
    }
    var findings = try CommonThreatFindings(yearly: yearly, year: year, options: options)
    let caveat = MultipleSectorsCaveat(advisories)
    if let note = caveat.note(excluded: excludingMultipleSectors, through: year) { findings.notes.insert(note, at: 0) }
    return findings
  }
}

/// The "Multiple Sectors" labelling artefact of the CISA ICS advisories: from 2021 one
/// vendor labels most of its advisories "Multiple Sectors", so the count of such
/// advisories jumps and every sector's counts rise with it (shared/datasets MANIFEST).
/// This finds the jump in the data itself rather than assuming it.
public struct MultipleSectorsCaveat: Sendable, Hashable {
  /// Per year: advisories, those labelled "Multiple Sectors", and the vendor with the
  /// most of the latter and its count.
  public struct Year: Sendable, Hashable {
    public var year: Int
    public var advisories: Int
    public var multipleSectors: Int
    public var topVendor: String?
    public var topVendorCount: Int
  }

  public var years: [Year]

  public init(_ advisories: [SecurityAdvisory]) {
    var byYear: [Int: (all: Int, multiple: Int, vendors: [String: Int])] = [:]
    for a in advisories {
      var entry = byYear[a.released.year] ?? (0, 0, [:])
      entry.all += 1
      if a.multipleSectors {
        entry.multiple += 1
        for v in Set(a.vendors) { entry.vendors[v, default: 0] += 1 }
      }
      byYear[a.released.year] = entry
    }
    years = byYear.keys.sorted().map { y in
      let e = byYear[y]!
      let top = e.vendors.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
      return Year(year: y, advisories: e.all, multipleSectors: e.multiple, topVendor: top?.key, topVendorCount: top?.value ?? 0)
    }
  }

  /// The first year (from the third of the data on) whose "Multiple Sectors" count is
  /// ≥ 3× the median of the earlier years and ≥ 10, if any (up to `through`).
  public func jumpYear(through last: Int) -> Int? {
    let ys = years.filter { $0.year <= last }
    guard ys.count >= 3 else { return nil }
    for k in 2..<ys.count {
      let base = CommonThreatFindings.median(ys[0..<k].map { Double($0.multipleSectors) })
      if Double(ys[k].multipleSectors) >= 10 && Double(ys[k].multipleSectors) >= 3 * max(base, 1) { return ys[k].year }
    }
    return nil
  }

  /// A sentence for the report, or nil when the window shows no jump.
  public func note(excluded: Bool, through last: Int) -> String? {
    guard let jump = jumpYear(through: last) else { return nil }
    let before = years.filter { $0.year < jump }.map(\.multipleSectors)
    let after = years.filter { $0.year >= jump && $0.year <= last }
    let afterCounts = after.map(\.multipleSectors)
    let multiple = afterCounts.reduce(0, +)
    // The vendor with the most "Multiple Sectors" advisories over the jump years.
    var vendorTotals: [String: Int] = [:]
    for y in after { if let v = y.topVendor { vendorTotals[v, default: 0] += y.topVendorCount } }
    let top = vendorTotals.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
    let share = top.map { multiple > 0 ? Int((100 * Double($0.value) / Double(multiple)).rounded()) : 0 } ?? 0
    let range = { (xs: [Int]) in xs.isEmpty ? "none" : (xs.min()! == xs.max()! ? "\(xs.min()!)" : "\(xs.min()!)–\(xs.max()!)") }
    return "artefact: advisories labelled \"Multiple Sectors\" jump from \(range(before))/year before \(jump) to "
      + "\(range(afterCounts))/year from \(jump)"
      + (top.map { "; at least \(share) % of them come from one vendor (\($0.key))" } ?? "")
      + "; this is labelling, not new exposure. "
      + (excluded
        ? "They are left out of these findings."
        : "They are counted for every sector they name; leave them out with --exclude-multiple-sectors to compare years.")
  }
}
