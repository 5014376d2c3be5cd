/// A dependency graph with the timing of each dependency, for the cascade timeline and
/// Monte Carlo analyses.
///
/// Every edge goes from a **supplier** to a **dependent** and carries:
/// - `delay`: hours from the supplier's failure until the dependent loses this
///   dependency (the dependent's time to impact on that supply — a battery's hours, a
///   generator's fuel — plus any propagation delay);
/// - `recovery`: hours the dependent needs after the dependency returns;
/// - `group` and `need`: edges of one dependent with the same group are alternatives of
///   which `need` must be working (k-of-n); an edge without a group is a group of its own
///   (a required supplier).
///
/// Edges are kept in input order (their index is their id in results) and, for the
/// search, in compressed rows by supplier.
public struct TimedDependencyGraph: Sendable {
  /// One timed dependency.
  public struct Edge: Sendable, Hashable {
    public var supplier: Int
    public var dependent: Int
    /// Hours from the supplier's failure until the dependency is lost (≥ 0).
    public var delay: Double
    /// Hours the dependent needs after the dependency returns (≥ 0).
    public var recovery: Double
    /// Requirement group of the dependent (alternatives share one); `nil`: required alone.
    public var group: Int?
    /// Members of the group that must be working (≥ 1; the same on every member).
    public var need: Int

    public init(supplier: Int, dependent: Int, delay: Double = 0, recovery: Double = 0, group: Int? = nil, need: Int = 1) {
      self.supplier = supplier
      self.dependent = dependent
      self.delay = delay
      self.recovery = recovery
      self.group = group
      self.need = need
    }
  }

  /// Why a graph could not be built.
  public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The edge concerned (input order), if one.
    public var edge: Int?
    public var reason: String
    public var description: String { edge.map { "edge \($0): \(reason)" } ?? reason }
  }

  public let nodeCount: Int
  /// The edges as given.
  public let edges: [Edge]

  // Compressed rows by supplier (positions p), with per-position copies for the search.
  let outOffsets: [Int]
  let outEdge: [UInt32]
  let outTarget: [UInt32]
  /// Delay, target and flagged group per position, side by side (one cache line serves
  /// a node's whole row in the search).
  let outPacked: [PackedEdge]
  /// Position of each edge id in the rows, and whether that is the identity (edges
  /// given sorted by supplier).
  let positionOfEdge: [UInt32]
  let positionsAreEdgeIDs: Bool
  /// The flag of a required edge (a group of its own) in `PackedEdge.group`.
  static let singleFlag: UInt32 = 1 << 31
  /// Per edge id: its group.
  let edgeGroup: [UInt32]
  // Groups.
  let groupOwner: [UInt32]
  let groupNeed: [UInt32]
  let groupMemberOffsets: [Int]
  let groupMembers: [UInt32]
  // Groups of each node (ascending group ids).
  let nodeGroupOffsets: [Int]
  let nodeGroups: [UInt32]

  /// The number of requirement groups.
  public var groupCount: Int { groupOwner.count }
  /// The group of edge `e`.
  public func group(ofEdge e: Int) -> Int { Int(edgeGroup[e]) }
  /// The member edges of group `g`.
  public func members(ofGroup g: Int) -> ArraySlice<UInt32> { groupMembers[groupMemberOffsets[g]..<groupMemberOffsets[g + 1]] }
  /// Members of group `g` that must be working.
  public func need(ofGroup g: Int) -> Int { Int(groupNeed[g]) }
  /// The groups of node `v`.
  public func groups(of v: Int) -> ArraySlice<UInt32> { nodeGroups[nodeGroupOffsets[v]..<nodeGroupOffsets[v + 1]] }
  /// Whether group `g` is a single required edge.
  @inline(__always) func isSingle(_ g: Int) -> Bool { groupMemberOffsets[g + 1] - groupMemberOffsets[g] == 1 }

  /// Bytes a graph of `nodeCount` nodes and `edgeCount` edges takes with the working
  /// state of one cascade timeline (an upper estimate: about 130 bytes per edge and 110
  /// per node).
  public static func estimatedBytes(nodeCount: Int, edgeCount: Int) -> Int {
    130 &* edgeCount &+ 110 &* nodeCount
  }

  /// Builds the graph.
  ///
  /// - Throws: ``InputError`` for a node out of range, a negative, NaN or infinite delay
  ///   or recovery, a `need` outside 1…(group size) or different within a group, or a
  ///   graph too large for 32-bit edge ids.
  /// - Complexity: O(n + m) plus hashing of group labels.
  public init(nodeCount: Int, edges: [Edge]) throws(InputError) {
    guard nodeCount >= 0, nodeCount + 3 * edges.count < Int(UInt32.max), edges.count < Int(Int32.max) else {
      throw InputError(reason: "\(nodeCount) nodes and \(edges.count) edges exceed the 32-bit ids of the cascade kernels")
    }
    for (i, e) in edges.enumerated() {
      guard e.supplier >= 0, e.supplier < nodeCount, e.dependent >= 0, e.dependent < nodeCount else {
        throw InputError(edge: i, reason: "node out of range 0..<\(nodeCount)")
      }
      guard e.delay.isFinite, e.delay >= 0 else { throw InputError(edge: i, reason: "delay \(e.delay) is not a finite number ≥ 0") }
      guard e.recovery.isFinite, e.recovery >= 0 else {
        throw InputError(edge: i, reason: "recovery \(e.recovery) is not a finite number ≥ 0")
      }
      guard e.need >= 1 else { throw InputError(edge: i, reason: "need \(e.need) is below 1") }
    }
    self.nodeCount = nodeCount
    self.edges = edges
    let m = edges.count

    // Groups: (dependent, label) → id; an unlabelled edge is a group of its own.
    var groupID: [Int: [Int: Int]] = [:]
    var owner: [UInt32] = []
    var need: [UInt32] = []
    var edgeGroup = [UInt32](repeating: 0, count: m)
    for (i, e) in edges.enumerated() {
      if let label = e.group {
        if let g = groupID[e.dependent]?[label] {
          guard Int(need[g]) == e.need else {
            throw InputError(edge: i, reason: "need \(e.need) differs from \(need[g]) elsewhere in its group")
          }
          edgeGroup[i] = UInt32(g)
          continue
        }
        groupID[e.dependent, default: [:]][label] = owner.count
      }
      edgeGroup[i] = UInt32(owner.count)
      owner.append(UInt32(e.dependent))
      need.append(UInt32(e.need))
    }
    var memberOffsets = [Int](repeating: 0, count: owner.count + 1)
    for g in edgeGroup { memberOffsets[Int(g) + 1] += 1 }
    for g in 0..<owner.count { memberOffsets[g + 1] += memberOffsets[g] }
    var fill = memberOffsets
    var members = [UInt32](repeating: 0, count: m)
    for i in 0..<m {
      let g = Int(edgeGroup[i])
      members[fill[g]] = UInt32(i)
      fill[g] += 1
    }
    for g in 0..<owner.count where Int(need[g]) > memberOffsets[g + 1] - memberOffsets[g] {
      throw InputError(
        edge: Int(members[memberOffsets[g]]),
        reason: "need \(need[g]) exceeds the \(memberOffsets[g + 1] - memberOffsets[g]) edges of its group")
    }

    var groupOffsets = [Int](repeating: 0, count: nodeCount + 1)
    for o in owner { groupOffsets[Int(o) + 1] += 1 }
    for v in 0..<nodeCount { groupOffsets[v + 1] += groupOffsets[v] }
    var groupFill = groupOffsets
    var nodeGroups = [UInt32](repeating: 0, count: owner.count)
    for (g, o) in owner.enumerated() {
      nodeGroups[groupFill[Int(o)]] = UInt32(g)
      groupFill[Int(o)] += 1
    }
    self.nodeGroupOffsets = groupOffsets
    self.nodeGroups = nodeGroups

    // Rows by supplier.
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    for e in edges { offsets[e.supplier + 1] += 1 }
    for v in 0..<nodeCount { offsets[v + 1] += offsets[v] }
    var position = offsets
    var outEdge = [UInt32](repeating: 0, count: m)
    var outTarget = [UInt32](repeating: 0, count: m)
    var outPacked = [PackedEdge](repeating: PackedEdge(delay: 0, target: 0, group: 0), count: m)
    for (i, e) in edges.enumerated() {
      let p = position[e.supplier]
      position[e.supplier] += 1
      outEdge[p] = UInt32(i)
      outTarget[p] = UInt32(e.dependent)
      // The high bit marks a required edge (a group of its own), read in the hot loop.
      let g = Int(edgeGroup[i])
      outPacked[p] = PackedEdge(
        delay: e.delay, target: UInt32(e.dependent),
        group: edgeGroup[i] | (memberOffsets[g + 1] - memberOffsets[g] == 1 ? Self.singleFlag : 0))
    }
    var positionOfEdge = [UInt32](repeating: 0, count: m)
    for p in 0..<m { positionOfEdge[Int(outEdge[p])] = UInt32(p) }
    self.positionOfEdge = positionOfEdge
    self.positionsAreEdgeIDs = (0..<m).allSatisfy { outEdge[$0] == UInt32($0) }
    self.outPacked = outPacked
    self.outOffsets = offsets
    self.outEdge = outEdge
    self.outTarget = outTarget
    self.edgeGroup = edgeGroup
    self.groupOwner = owner
    self.groupNeed = need
    self.groupMemberOffsets = memberOffsets
    self.groupMembers = members
  }
}

/// One edge of a supplier's row, as the cascade search reads it.
struct PackedEdge: Sendable {
  var delay: Double
  var target: UInt32
  /// Group id, with `TimedDependencyGraph.singleFlag` for a required edge.
  var group: UInt32
}
