import RensaGraph

/// The static dependency closure of a ``DependencyNetwork``: for every node,
/// how much it depends on (upstream) and how much depends on it (downstream),
/// its dependency depth, the mutual-dependency loops, and the downstream reach
/// in the redundancy-aware reading beside the all-AND reading.
///
/// ```swift
/// let network = try EdgeListReader.read(path: "edges.csv")
/// let analysis = try ClosureAnalysis(network)
/// for node in analysis.rankedByCriticality.prefix(5) {
///   print(node.id, node.downstream, node.downstreamWithRedundancy)
/// }
/// ```
public struct ClosureAnalysis: Sendable {
  /// Closure figures of one node.
  public struct Node: Sendable, Hashable {
    /// The node's identifier.
    public var id: String
    /// How many other nodes it depends on, directly or transitively.
    public var upstream: Int
    /// How many other nodes depend on it, directly or transitively (all-AND reading:
    /// every dependency is required).
    public var downstream: Int
    /// How many other nodes certainly fail when it alone fails, honouring
    /// requirement groups (equal to `downstream` when there is no redundancy).
    public var downstreamWithRedundancy: Int
    /// Longest supplier chain ending at the node (loops count as one step).
    public var depth: Int
  }

  /// The network analysed.
  public let network: DependencyNetwork
  /// Figures for every node, in node order.
  public let nodes: [Node]
  /// Mutual-dependency loops (strongly connected components with ≥ 2 nodes), each sorted by id.
  public let loops: [[String]]
  /// Largest dependency depth.
  public let depth: Int

  /// Runs the analysis.
  ///
  /// The counts are computed block by block (RensaGraph's `ReachCounts`), in a few
  /// megabytes, but their work grows as the all-pairs closure's bit matrix: a network whose
  /// matrix would exceed `options.memoryLimit` is refused, as before, with the single-source
  /// queries (``ClosureQuery``) as the way on.
  ///
  /// - Throws: `MemoryLimitExceeded` (RensaGraph) when the all-pairs closure is larger than the limit.
  /// - Complexity: dominated by RensaGraph's `ReachCounts` (twice: downstream and upstream)
  ///   and `FailureTable.failureCounts(_:threadCount:)`.
  public init(_ network: DependencyNetwork, options: ClosureOptions = ClosureOptions()) throws(MemoryLimitExceeded) {
    try self.init(network, options: options, failureTable: nil)
  }

  /// As ``init(_:options:)``, taking the redundancy-aware reach from a single-failure
  /// table already built for the network (so a caller that also lists single points of
  /// failure propagates every single failure once, not twice).
  ///
  /// - Precondition: `failureTable`, if given, was built from `network.requirementGraph`.
  public init(_ network: DependencyNetwork, options: ClosureOptions = ClosureOptions(), failureTable: FailureTable?)
    throws(MemoryLimitExceeded)
  {
    precondition(failureTable == nil || failureTable!.nodeCount == network.nodeIDs.count, "a table of another network")
    let graph = network.digraph
    let condensation = Condensation(graph)
    let needed = TransitiveClosure.requiredBytes(for: condensation)
    guard needed <= options.memoryLimit else {
      throw MemoryLimitExceeded(
        structure: "all-pairs closure bit matrix (\(condensation.count) components × \(graph.nodeCount) nodes)", bytesNeeded: needed,
        limit: options.memoryLimit,
        alternative: "use the single-source queries (Reachability.downstream/upstream), which need O(n + m) memory, "
          + "or raise ClosureOptions.memoryLimit",
        remedy: .singleSourceQueries)
    }
    let downstream = ReachCounts.descendants(condensation, threadCount: options.threadCount)
    let upstream = ReachCounts.ancestors(condensation, threadCount: options.threadCount)
    let depth = DependencyDepth(condensation)
    let withRedundancy =
      network.hasRedundancy
      ? (failureTable?.failureCounts ?? FailureTable.failureCounts(network.requirementGraph, threadCount: options.threadCount))
      : downstream
    self.network = network
    self.nodes = network.nodeIDs.indices.map { v in
      Node(
        id: network.nodeIDs[v], upstream: upstream[v], downstream: downstream[v],
        downstreamWithRedundancy: withRedundancy[v], depth: depth.depth[v])
    }
    self.loops = condensation.loops.map { $0.map { network.nodeIDs[$0] }.sorted() }
    self.depth = depth.maximum
  }

  /// The criticality ranking: nodes by redundancy-aware downstream reach
  /// (descending), ties by all-AND reach, then by id. Ranking by the all-AND reach
  /// alone would put a backup battery on a par with the grid it backs up.
  public var rankedByCriticality: [Node] {
    nodes.sorted {
      ($0.downstreamWithRedundancy, $0.downstream) != ($1.downstreamWithRedundancy, $1.downstream)
        ? ($0.downstreamWithRedundancy, $0.downstream) > ($1.downstreamWithRedundancy, $1.downstream)
        : $0.id < $1.id
    }
  }

  /// Whether `dependent` depends on `supplier`, directly or transitively (nil: an id not in
  /// the network).
  ///
  /// - Complexity: O(n + m), a search from `supplier` (no all-pairs matrix is kept).
  public func dependsOn(_ dependent: String, _ supplier: String) -> Bool? {
    guard let d = network.index(of: dependent), let s = network.index(of: supplier) else { return nil }
    return Reachability.downstream(of: s, in: network.digraph).contains(d)
  }
}

/// Single-source closure queries that need only O(n + m) memory.
public enum ClosureQuery {
  /// Every node that depends on `id`, directly or transitively (its downstream set), sorted by id.
  public static func downstream(of id: String, in network: DependencyNetwork) -> [String]? {
    guard let v = network.index(of: id) else { return nil }
    return Reachability.downstream(of: v, in: network.digraph).map { network.nodeIDs[$0] }.sorted()
  }

  /// Every node that `id` depends on, directly or transitively (its upstream set), sorted by id.
  public static func upstream(of id: String, in network: DependencyNetwork) -> [String]? {
    guard let v = network.index(of: id) else { return nil }
    return Reachability.upstream(of: v, in: network.digraph.transposed()).map { network.nodeIDs[$0] }.sorted()
  }
}

/// Single points of failure in the redundancy-aware reading: for every node, the other
/// nodes whose failure *alone* brings it down (alternatives and k-of-n groups honoured).
///
/// ```swift
/// let network = try DependencyNetwork(edges: [("grid", "water"), ("water", "hospital")])
/// let spof = try SinglePointsOfFailure(network)
/// spof.byNode.first { $0.id == "hospital" }?.causes   // ["grid", "water"]
/// ```
public struct SinglePointsOfFailure: Sendable {
  /// For each node (in node order), the other nodes whose failure alone brings it down, sorted by id.
  public let byNode: [(id: String, causes: [String])]

  /// Computes the single points of failure from RensaGraph's `FailureTable` of the
  /// network's ``DependencyNetwork/requirementGraph``.
  ///
  /// - Throws: `MemoryLimitExceeded` (RensaGraph) when the n × n table does not fit the limit.
  public init(_ network: DependencyNetwork, options: ClosureOptions = ClosureOptions()) throws(MemoryLimitExceeded) {
    let table = try FailureTable(network.requirementGraph, options: options)
    byNode = network.nodeIDs.indices.map { y in
      (network.nodeIDs[y], table.singlePointsOfFailure(of: y).map { network.nodeIDs[$0] }.sorted())
    }
  }
}

extension SinglePointsOfFailure {
  /// The `limit` nodes with the most single points of failure (ties by node order), each
  /// with those nodes sorted by id: the report's table without naming every node's
  /// causes, so it scales to large models.
  ///
  /// - Throws: `MemoryLimitExceeded` (RensaGraph) when the n × n table does not fit the limit.
  /// - Complexity: the table, one pass over its set bits, and O(n) per node listed.
  public static func mostExposed(_ network: DependencyNetwork, limit: Int, options: ClosureOptions = ClosureOptions())
    throws(MemoryLimitExceeded) -> [(id: String, causes: [String])]
  {
    mostExposed(network, limit: limit, table: try FailureTable(network.requirementGraph, options: options))
  }

  /// As ``mostExposed(_:limit:options:)`` from a table already built for the network.
  public static func mostExposed(_ network: DependencyNetwork, limit: Int, table: FailureTable)
    -> [(id: String, causes: [String])]
  {
    let counts = table.singlePointCounts
    let chosen = counts.indices.filter { counts[$0] > 0 }.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
      .prefix(max(0, limit))
    return chosen.map { y in (network.nodeIDs[y], table.singlePointsOfFailure(of: y).map { network.nodeIDs[$0] }.sorted()) }
  }
}

extension ClosureQuery {
  /// A shortest dependency chain from `supplier` to `dependent` (both included),
  /// or an empty array if `dependent` does not depend on `supplier` (or is `supplier`);
  /// `nil` if either id is unknown.
  ///
  /// - Complexity: O(n + m), breadth-first.
  public static func chain(from supplier: String, to dependent: String, in network: DependencyNetwork) -> [String]? {
    guard let s = network.index(of: supplier), let d = network.index(of: dependent) else { return nil }
    guard s != d else { return [] }
    let graph = network.digraph
    var parent = [Int](repeating: -1, count: graph.nodeCount)
    var queue = [s]
    var head = 0
    var found = false
    while head < queue.count && !found {
      let v = queue[head]
      head += 1
      for w in graph.successors(of: v) where parent[Int(w)] == -1 && Int(w) != s {
        parent[Int(w)] = v
        if Int(w) == d {
          found = true
          break
        }
        queue.append(Int(w))
      }
    }
    guard found else { return [] }
    var path = [d]
    var v = parent[d]
    while v != s {
      path.append(v)
      v = parent[v]
    }
    path.append(s)
    return path.reversed().map { network.nodeIDs[$0] }
  }
}
