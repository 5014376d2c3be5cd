/// A dependency graph that understands redundancy: every dependent has
/// **requirement groups**, and each group lists alternative suppliers of which
/// at least `needed` must be working (k-of-n; `needed == 1` is plain OR).
///
/// A node **fails** when any of its groups is lost, that is when fewer than
/// `needed` of the group's suppliers are working (AND over groups, k-of-n within
/// a group). A hospital that needs (grid OR generator) AND (telecom A OR telecom
/// B) has two groups of two suppliers, each with `needed == 1`.
///
/// ```swift
/// // 0 grid, 1 generator, 2 telecom A, 3 telecom B, 4 hospital
/// let hospital = RequirementGraph(nodeCount: 5, groups: [
///   .init(dependent: 4, suppliers: [0, 1]),
///   .init(dependent: 4, suppliers: [2, 3]),
/// ])
/// FailurePropagation(hospital).failed(from: [0])     // [0]: the generator holds
/// FailurePropagation(hospital).failed(from: [0, 1])  // [0, 1, 4]
/// ```
///
/// ``allAnd(_:)`` reads a plain ``Digraph`` with every edge as a group of its own
/// (every supplier is required), the reading of the plain ``TransitiveClosure``;
/// ``allOr(_:)`` reads every dependent as needing any one of its suppliers.
public struct RequirementGraph: Sendable, Hashable {
  /// One requirement group.
  public struct Group: Sendable, Hashable {
    /// The node that needs this group.
    public var dependent: Int
    /// Alternative suppliers; duplicates are merged.
    public var suppliers: [Int]
    /// How many suppliers must be working (1 ... suppliers.count).
    public var needed: Int

    public init(dependent: Int, suppliers: [Int], needed: Int = 1) {
      self.dependent = dependent
      self.suppliers = suppliers
      self.needed = needed
    }
  }

  /// The number of nodes.
  public let nodeCount: Int
  /// `groupOffsets[v] ..< groupOffsets[v + 1]` are the group ids of node `v`.
  public let groupOffsets: [Int]
  /// `supplierOffsets[g] ..< supplierOffsets[g + 1]` index the suppliers of group `g`.
  public let supplierOffsets: [Int]
  /// Suppliers of all groups, concatenated (ascending within a group).
  public let suppliers: [UInt32]
  /// `needed[g]`: suppliers of group `g` that must be working.
  public let needed: [UInt32]
  /// `owner[g]`: the dependent of group `g`.
  public let owner: [UInt32]

  /// The number of groups.
  public var groupCount: Int { needed.count }

  /// The groups of `v`.
  public func groups(of v: Int) -> Range<Int> { groupOffsets[v]..<groupOffsets[v + 1] }

  /// The suppliers of group `g`.
  public func suppliers(ofGroup g: Int) -> ArraySlice<UInt32> {
    suppliers[supplierOffsets[g]..<supplierOffsets[g + 1]]
  }

  /// Creates a requirement graph.
  ///
  /// - Precondition: every node id is in `0..<nodeCount`, every group has at least
  ///   one supplier and `1 <= needed <= distinct suppliers`. (The domain layer
  ///   validates user data and reports violations as data errors.)
  /// - Complexity: O(n + total group size · log(group size)).
  public init(nodeCount: Int, groups: [Group]) {
    var normalised = groups.map { group -> Group in
      var g = group
      g.suppliers = Array(Set(g.suppliers)).sorted()
      precondition(g.dependent >= 0 && g.dependent < nodeCount, "dependent \(g.dependent) out of range")
      precondition(!g.suppliers.isEmpty, "a requirement group needs at least one supplier")
      precondition(g.suppliers.allSatisfy { $0 >= 0 && $0 < nodeCount }, "supplier out of range")
      precondition(g.needed >= 1 && g.needed <= g.suppliers.count, "needed must be in 1...\(g.suppliers.count)")
      return g
    }
    // Stable order: by dependent, then as given.
    normalised = normalised.enumerated().sorted { ($0.element.dependent, $0.offset) < ($1.element.dependent, $1.offset) }
      .map(\.element)
    var groupOffsets = [Int](repeating: 0, count: nodeCount + 1)
    for g in normalised { groupOffsets[g.dependent + 1] += 1 }
    for v in 0..<nodeCount { groupOffsets[v + 1] += groupOffsets[v] }
    var supplierOffsets = [0]
    var suppliers: [UInt32] = []
    var needed: [UInt32] = []
    var owner: [UInt32] = []
    for g in normalised {
      suppliers.append(contentsOf: g.suppliers.map { UInt32(truncatingIfNeeded: $0) })
      supplierOffsets.append(suppliers.count)
      needed.append(UInt32(truncatingIfNeeded: g.needed))
      owner.append(UInt32(truncatingIfNeeded: g.dependent))
    }
    self.nodeCount = nodeCount
    self.groupOffsets = groupOffsets
    self.supplierOffsets = supplierOffsets
    self.suppliers = suppliers
    self.needed = needed
    self.owner = owner
  }

  /// Every edge `s → d` of `graph` as a group of its own: `d` needs every supplier.
  public static func allAnd(_ graph: Digraph) -> RequirementGraph {
    var groups: [Group] = []
    groups.reserveCapacity(graph.edgeCount)
    for v in 0..<graph.nodeCount {
      for t in graph.successors(of: v) { groups.append(Group(dependent: Int(t), suppliers: [v])) }
    }
    return RequirementGraph(nodeCount: graph.nodeCount, groups: groups)
  }

  /// Every dependent needs any one of its suppliers (one OR group per node).
  public static func allOr(_ graph: Digraph) -> RequirementGraph {
    let transposed = graph.transposed()
    let groups = (0..<graph.nodeCount).compactMap { v -> Group? in
      let s = transposed.successors(of: v)
      return s.isEmpty ? nil : Group(dependent: v, suppliers: s.map { Int($0) })
    }
    return RequirementGraph(nodeCount: graph.nodeCount, groups: groups)
  }

  /// The supply graph: an edge `s → d` whenever `s` supplies any group of `d`.
  public var supplyGraph: Digraph {
    var sources: [UInt32] = []
    var destinations: [UInt32] = []
    for g in 0..<groupCount {
      for s in suppliers(ofGroup: g) {
        sources.append(s)
        destinations.append(owner[g])
      }
    }
    return Digraph(nodeCount: nodeCount, sources: sources, destinations: destinations)
  }

  /// The **kill graph**: an edge `s → d` whenever `s` alone brings `d` down, that is `s`
  /// supplies a group of `d` that is lost at its first failed supplier (all of its
  /// suppliers needed).
  public var killGraph: Digraph {
    var sources: [UInt32] = []
    var destinations: [UInt32] = []
    for g in 0..<groupCount where supplierOffsets[g + 1] - supplierOffsets[g] == Int(needed[g]) {
      for s in suppliers(ofGroup: g) {
        sources.append(s)
        destinations.append(owner[g])
      }
    }
    return Digraph(nodeCount: nodeCount, sources: sources, destinations: destinations)
  }

  /// The strongly connected components of the ``killGraph``. Every member of a component
  /// brings every other down on its own, so all members fail **the same nodes**, and two
  /// sets of nodes that meet the same components fail the same nodes: propagating one of
  /// them answers for all (how the single-failure analyses avoid a propagation per node).
  public var killComponents: StronglyConnectedComponents { StronglyConnectedComponents(killGraph) }

  /// For every node, the groups it supplies (a CSR over nodes).
  func supplierIndex() -> (offsets: [Int], groups: [UInt32]) {
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    for s in suppliers { offsets[Int(s) + 1] += 1 }
    for v in 0..<nodeCount { offsets[v + 1] += offsets[v] }
    var cursor = offsets
    var groups = [UInt32](repeating: 0, count: suppliers.count)
    for g in 0..<groupCount {
      for s in suppliers(ofGroup: g) {
        groups[cursor[Int(s)]] = UInt32(truncatingIfNeeded: g)
        cursor[Int(s)] += 1
      }
    }
    return (offsets, groups)
  }
}

/// One node per component of the kill graph (its first), whose failure stands for every
/// member's: the seeds of ``FailureTable/failureCounts(_:threadCount:)`` and of
/// ``MinimalFailureSets``.
struct KillRepresentatives {
  /// The representatives, ascending.
  var representatives: [Int32] = []
  /// Per node: its index in `representatives` when it is one, else −1 (the seed lanes).
  var seedIndex: [Int32]
  /// Per node: the index in `representatives` of its component's representative.
  var slot: [Int32]

  init(_ graph: RequirementGraph) {
    let n = graph.nodeCount
    let component = graph.killComponents.component
    var representativeOf = [Int32](repeating: -1, count: n)
    seedIndex = [Int32](repeating: -1, count: n)
    slot = [Int32](repeating: -1, count: n)
    for v in 0..<n {
      let c = Int(component[v])
      if representativeOf[c] < 0 {
        representativeOf[c] = Int32(representatives.count)
        seedIndex[v] = Int32(representatives.count)
        representatives.append(Int32(v))
      }
      slot[v] = representativeOf[c]
    }
  }
}
