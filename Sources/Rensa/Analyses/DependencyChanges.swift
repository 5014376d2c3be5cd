import RensaGraph

/// What changed in a dataset's dependency model from one version to the next (last
/// year's dataset against this year's): dependencies added, removed and changed
/// field by field; sector-level dependencies gained and lost, directly and
/// transitively; mutual-dependency loops formed and broken; single points of
/// failure that appeared or went away.
///
/// A dependency is identified by its supplier and dependent (a dataset holds at most
/// one dependency per pair). Its citation (`source`) is not compared: a new citation
/// for the same values is not a change in the model.
///
/// ```swift
/// let changes = try DependencyChanges(previous: lastYear, current: thisYear)
/// for d in changes.added { print("new:", d.supplier, "→", d.dependent) }
/// for pair in changes.transitive.gained { print(pair.dependent, "now depends on", pair.supplier) }
/// ```
public struct DependencyChanges: Sendable {
  /// A field of a dependency that can change.
  public enum Field: String, Sendable, Hashable, CaseIterable {
    case kind, `class`, group, need, timeToImpact, delay, recovery, probability, coupling, delayDistribution

    /// The field in English, as printed by the CLI.
    public var label: String {
      switch self {
      case .kind: return "kind"
      case .class: return "class"
      case .group: return "group"
      case .need: return "need"
      case .timeToImpact: return "time to impact (h)"
      case .delay: return "delay (h)"
      case .recovery: return "recovery (h)"
      case .probability: return "probability"
      case .coupling: return "coupling"
      case .delayDistribution: return "delay distribution"
      }
    }
  }

  /// One field of a dependency that differs, with both values as text ("none" for an
  /// absent group or delay distribution; kinds and classes by their raw values).
  public struct FieldChange: Sendable, Hashable {
    public var key: Field
    public var before: String
    public var after: String
    /// The field in English.
    public var field: String { key.label }

    public init(key: Field, before: String, after: String) {
      self.key = key
      self.before = before
      self.after = after
    }
  }

  /// A dependency present in both versions whose values differ.
  public struct Changed: Sendable, Hashable {
    public var supplier: String
    public var dependent: String
    /// The fields that differ, in the order of ``Dependency``'s fields.
    public var fields: [FieldChange]

    public init(supplier: String, dependent: String, fields: [FieldChange]) {
      self.supplier = supplier
      self.dependent = dependent
      self.fields = fields
    }
  }

  /// "`dependent` depends on `supplier`" between two sectors.
  public struct SectorPair: Sendable, Hashable, Comparable {
    public var dependent: String
    public var supplier: String

    public init(dependent: String, supplier: String) {
      self.dependent = dependent
      self.supplier = supplier
    }

    public static func < (a: SectorPair, b: SectorPair) -> Bool { (a.dependent, a.supplier) < (b.dependent, b.supplier) }
  }

  /// Sector pairs that hold in one version only.
  public struct PairChanges: Sendable, Hashable {
    /// Pairs that hold this year and did not last year, sorted.
    public var gained: [SectorPair]
    /// Pairs that held last year and do not this year, sorted.
    public var lost: [SectorPair]
  }

  /// The single points of failure of one node that differ between the versions.
  public struct SinglePointChange: Sendable, Hashable {
    public var node: String
    /// Nodes whose failure alone now brings `node` down and did not last year, sorted.
    public var new: [String]
    /// Nodes whose failure alone brought `node` down last year and no longer does, sorted.
    public var gone: [String]

    public init(node: String, new: [String], gone: [String]) {
      self.node = node
      self.new = new
      self.gone = gone
    }
  }

  /// Dependencies of this year's model that last year's lacked, in this year's order.
  public let added: [Dependency]
  /// Dependencies of last year's model that this year's lacks, in last year's order.
  public let removed: [Dependency]
  /// Dependencies in both whose values differ, in this year's order.
  public let changed: [Changed]
  /// Sectors and assets that are new, or gone, sorted by id.
  public let nodesAdded: [String]
  public let nodesRemoved: [String]
  /// Direct dependencies between sectors (an asset counts under its sector).
  public let direct: PairChanges
  /// Dependencies between sectors, direct or through any chain of nodes.
  public let transitive: PairChanges
  /// Mutual-dependency loops (node sets) of this year not found, as the same set, last
  /// year; and last year's not found this year. A loop that grew appears in both.
  public let loopsFormed: [[String]]
  public let loopsBroken: [[String]]
  /// Nodes whose single points of failure (backups honoured) differ, most changes
  /// first; nil with ``singlePointsRefusal`` when a failure table does not fit.
  public let singlePoints: [SinglePointChange]?
  /// Why single points of failure were not compared.
  public let singlePointsRefusal: String?
  /// The refusal itself, for a program that words it in its own language.
  public let singlePointsRefusalError: MemoryLimitExceeded?

  /// Whether the two models are identical (up to citations).
  public var isEmpty: Bool {
    added.isEmpty && removed.isEmpty && changed.isEmpty && nodesAdded.isEmpty && nodesRemoved.isEmpty
  }

  /// Compares last year's dataset with this year's.
  ///
  /// - Parameters:
  ///   - previous: last year's dataset.
  ///   - current: this year's dataset.
  ///   - options: the memory limit of the single-failure tables (n × n bits each);
  ///     when one does not fit, single points of failure are not compared and
  ///     ``singlePointsRefusal`` says why — everything else still is.
  ///   - currentFailureTable: this year's table if the caller has it already.
  /// - Complexity: O(m log m) for the dependencies; one breadth-first search per
  ///   sector and version for the transitive pairs, O(S · (n + m)); the loops from
  ///   strongly connected components; two failure tables for single points of failure.
  public init(
    previous: Dataset, current: Dataset, options: ClosureOptions = ClosureOptions(),
    currentFailureTable: FailureTable? = nil
  ) {
    struct Key: Hashable { let supplier: String, dependent: String }
    var before: [Key: Dependency] = [:]
    for d in previous.dependencies { before[Key(supplier: d.supplier, dependent: d.dependent)] = d }
    var seen = Set<Key>()
    var added: [Dependency] = []
    var changed: [Changed] = []
    for d in current.dependencies {
      let key = Key(supplier: d.supplier, dependent: d.dependent)
      seen.insert(key)
      guard let old = before[key] else {
        added.append(d)
        continue
      }
      let fields = Self.differences(old, d)
      if !fields.isEmpty { changed.append(Changed(supplier: d.supplier, dependent: d.dependent, fields: fields)) }
    }
    self.added = added
    self.changed = changed
    removed = previous.dependencies.filter { !seen.contains(Key(supplier: $0.supplier, dependent: $0.dependent)) }

    let nodesBefore = Set(previous.sectors.map(\.id) + previous.assets.map(\.id))
    let nodesNow = Set(current.sectors.map(\.id) + current.assets.map(\.id))
    nodesAdded = nodesNow.subtracting(nodesBefore).sorted()
    nodesRemoved = nodesBefore.subtracting(nodesNow).sorted()

    let networkBefore = previous.dependencyNetwork
    let networkNow = current.dependencyNetwork
    direct = Self.compare(Self.directPairs(previous), Self.directPairs(current))
    transitive = Self.compare(Self.transitivePairs(previous, networkBefore), Self.transitivePairs(current, networkNow))

    let loopsBefore = Set(Self.loops(networkBefore))
    let loopsNow = Set(Self.loops(networkNow))
    let order: ([String], [String]) -> Bool = { a, b in a.count != b.count ? a.count > b.count : a.lexicographicallyPrecedes(b) }
    loopsFormed = loopsNow.subtracting(loopsBefore).sorted(by: order)
    loopsBroken = loopsBefore.subtracting(loopsNow).sorted(by: order)

    do throws(MemoryLimitExceeded) {
      let tableBefore = try FailureTable(networkBefore.requirementGraph, options: options)
      let tableNow: FailureTable
      if let currentFailureTable {
        tableNow = currentFailureTable
      } else {
        tableNow = try FailureTable(networkNow.requirementGraph, options: options)
      }
      singlePoints = Self.singlePointChanges(networkBefore, tableBefore, networkNow, tableNow)
      singlePointsRefusal = nil
      singlePointsRefusalError = nil
    } catch {
      singlePoints = nil
      singlePointsRefusal = error.description
      singlePointsRefusalError = error
    }
  }

  /// The fields of two versions of one dependency that differ.
  static func differences(_ a: Dependency, _ b: Dependency) -> [FieldChange] {
    var out: [FieldChange] = []
    func check(_ field: Field, _ x: String, _ y: String) {
      if x != y { out.append(FieldChange(key: field, before: x, after: y)) }
    }
    func number(_ x: Double) -> String { NumberFormat.significant(x, digits: 6) }
    check(.kind, a.kind.rawValue, b.kind.rawValue)
    check(.class, a.class.rawValue, b.class.rawValue)
    check(.group, a.group ?? "none", b.group ?? "none")
    check(.need, String(a.need), String(b.need))
    check(.timeToImpact, number(a.timeToImpactHours), number(b.timeToImpactHours))
    check(.delay, number(a.delayHours), number(b.delayHours))
    check(.recovery, number(a.recoveryHours), number(b.recoveryHours))
    check(.probability, number(a.probability), number(b.probability))
    check(.coupling, number(a.coupling), number(b.coupling))
    check(.delayDistribution, a.delayDistribution.map { "\($0)" } ?? "none", b.delayDistribution.map { "\($0)" } ?? "none")
    return out
  }

  static func directPairs(_ dataset: Dataset) -> Set<SectorPair> {
    let sectorOf = dataset.sectorOfNode
    var pairs = Set<SectorPair>()
    for d in dataset.dependencies {
      guard let s = sectorOf[d.supplier], let t = sectorOf[d.dependent], s != t else { continue }
      pairs.insert(SectorPair(dependent: t, supplier: s))
    }
    return pairs
  }

  /// Sector T depends on sector S when some node of T (the sector or one of its assets)
  /// has a node of S upstream: one multi-source search per sector against the
  /// dependencies, so a chain through different assets of a middle sector counts only
  /// where the assets are linked.
  static func transitivePairs(_ dataset: Dataset, _ network: DependencyNetwork) -> Set<SectorPair> {
    let sectorOf = dataset.sectorOfNode
    let upward = network.digraph.transposed()
    let n = network.nodeIDs.count
    let nodeSector = network.nodeIDs.map { sectorOf[$0] }
    var members: [String: [Int]] = [:]
    for v in 0..<n { if let s = nodeSector[v] { members[s, default: []].append(v) } }
    var pairs = Set<SectorPair>()
    var mark = [Int32](repeating: -1, count: n)
    for (k, (sector, start)) in members.sorted(by: { $0.key < $1.key }).enumerated() {
      var queue = start
      for v in start { mark[v] = Int32(k) }
      var head = 0
      var found = Set<String>()
      while head < queue.count {
        let v = queue[head]
        head += 1
        if let s = nodeSector[v], s != sector { found.insert(s) }
        for w in upward.successors(of: v) where mark[Int(w)] != Int32(k) {
          mark[Int(w)] = Int32(k)
          queue.append(Int(w))
        }
      }
      for s in found { pairs.insert(SectorPair(dependent: sector, supplier: s)) }
    }
    return pairs
  }

  static func compare(_ before: Set<SectorPair>, _ now: Set<SectorPair>) -> PairChanges {
    PairChanges(gained: now.subtracting(before).sorted(), lost: before.subtracting(now).sorted())
  }

  static func loops(_ network: DependencyNetwork) -> [[String]] {
    Condensation(network.digraph).loops.map { $0.map { network.nodeIDs[$0] }.sorted() }
  }

  static func singlePointChanges(
    _ networkBefore: DependencyNetwork, _ before: FailureTable, _ networkNow: DependencyNetwork, _ now: FailureTable
  ) -> [SinglePointChange] {
    let countsBefore = before.singlePointCounts
    let countsNow = now.singlePointCounts
    var out: [SinglePointChange] = []
    for (y, id) in networkNow.nodeIDs.enumerated() {
      let old = networkBefore.index(of: id)
      // Only nodes with a single point of failure in either version are read in full.
      guard countsNow[y] > 0 || (old.map { countsBefore[$0] > 0 } ?? false) else { continue }
      let causesNow = Set(now.singlePointsOfFailure(of: y).map { networkNow.nodeIDs[$0] })
      let causesBefore = old.map { Set(before.singlePointsOfFailure(of: $0).map { networkBefore.nodeIDs[$0] }) } ?? []
      guard causesNow != causesBefore else { continue }
      out.append(SinglePointChange(
        node: id, new: causesNow.subtracting(causesBefore).sorted(), gone: causesBefore.subtracting(causesNow).sorted()))
    }
    // Nodes gone from the model take their single points of failure with them.
    for (y, id) in networkBefore.nodeIDs.enumerated() where networkNow.index(of: id) == nil && countsBefore[y] > 0 {
      out.append(SinglePointChange(
        node: id, new: [], gone: before.singlePointsOfFailure(of: y).map { networkBefore.nodeIDs[$0] }.sorted()))
    }
    return out.sorted { a, b in
      let x = a.new.count + a.gone.count, y = b.new.count + b.gone.count
      return x != y ? x > y : a.node < b.node
    }
  }
}
