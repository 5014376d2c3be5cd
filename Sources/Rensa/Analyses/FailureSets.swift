import RensaGraph

/// **N-k** on a dependency network: for each node, the minimal sets of up to k other nodes
/// (k ≤ 3) whose joint failure brings it down although no proper subset does. Groups of
/// alternatives and k-of-n requirements are honoured exactly (RensaGraph's
/// `MinimalFailureSets`). Size 1 is the single points of failure.
///
/// ```swift
/// // The hospital needs the grid or its generator (one group); the lab needs the hospital.
/// let network = DependencyNetwork(nodeIDs: ["grid", "generator", "hospital", "lab"], dependencies: [
///   .init(supplier: 0, dependent: 2, group: "power"), .init(supplier: 1, dependent: 2, group: "power"),
///   .init(supplier: 2, dependent: 3)])
/// let nk = try FailureSets(network, k: 2)
/// nk.sets(of: "lab", size: 2)   // [["grid", "generator"]]
/// nk.top(size: 2).first         // grid + generator: 2 nodes beyond what either fails alone
/// ```
///
/// Sets are listed in node order (the order the network declares its nodes), a set's
/// members too.
public struct FailureSets: Sendable {
  /// A set of nodes and what its joint failure does.
  public struct Entry: Sendable, Hashable {
    /// The members, in node order.
    public var nodes: [String]
    /// How many nodes fail because all members fail and not through any proper subset.
    public var beyond: Int
    /// How many nodes fail when the members fail, members included.
    public var failed: Int

    public init(nodes: [String], beyond: Int, failed: Int) {
      self.nodes = nodes
      self.beyond = beyond
      self.failed = failed
    }
  }

  /// Why an analysis cannot run.
  public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// k outside 1 ... 3.
    case sizeOutOfRange(Int)
    /// The single-failure rows would not fit the memory limit.
    case memory(MemoryLimitExceeded)

    public var description: String {
      switch self {
      case .sizeOutOfRange(let k): "k must be 1, 2 or 3 (got \(k)): sets of up to three nodes are analysed exactly"
      case .memory(let e): e.description
      }
    }
  }

  /// The network analysed.
  public let network: DependencyNetwork
  /// The largest set size.
  public let k: Int
  /// The kernel's result, by node index of ``network``.
  public let result: MinimalFailureSets

  /// Analyses every set of up to `k` nodes.
  ///
  /// - Parameters:
  ///   - network: the dependencies, with their groups and `need`.
  ///   - k: the largest set size, 1 ... 3 (default 2: pairs).
  ///   - top: how many sets of each size ``top(size:)`` ranks.
  ///   - options: memory limit and threads (the result does not depend on the threads).
  /// - Throws: ``Problem``.
  public init(_ network: DependencyNetwork, k: Int = 2, top: Int = 100, options: ClosureOptions = ClosureOptions()) throws(Problem) {
    guard (1...3).contains(k) else { throw .sizeOutOfRange(k) }
    self.network = network
    self.k = k
    do {
      self.result = try MinimalFailureSets(network.requirementGraph, maxSize: k, topLimit: max(0, top), options: options)
    } catch {
      throw .memory(error)
    }
  }

  /// The sets of `size` nodes ranked by what they bring down beyond their proper subsets.
  public func top(size: Int) -> [Entry] {
    result.top(size: size).map { Entry(nodes: $0.nodes.map { network.nodeIDs[$0] }, beyond: $0.beyond, failed: $0.failed) }
  }

  /// As ``top(size:)``, counting only the nodes of `ids` (e.g. one sector's): the sets of
  /// `size` ≥ 2 nodes that bring down the most of them beyond their proper subsets.
  public func top(size: Int, limit: Int, amongNodes ids: Set<String>) -> [Entry] {
    let counted = network.nodeIDs.map { ids.contains($0) }
    return result.top(size: size, limit: limit, counting: counted).map {
      Entry(nodes: $0.nodes.map { network.nodeIDs[$0] }, beyond: $0.beyond, failed: $0.failed)
    }
  }

  /// For every node (node order), its number of minimal failure sets of `size` nodes.
  public func counts(size: Int) -> [(id: String, count: Int)] {
    zip(network.nodeIDs, result.counts(size: size)).map { ($0, $1) }
  }

  /// The minimal failure sets of `id` with `size` members, the first `limit` in node order
  /// (`nil`: all); `nil` when `id` is not a node.
  public func sets(of id: String, size: Int, limit: Int? = nil) -> [[String]]? {
    guard let y = network.index(of: id) else { return nil }
    return result.minimalSets(of: y, size: size, limit: limit).map { $0.map { network.nodeIDs[$0] } }
  }

  /// The `limit` nodes with the most minimal failure sets of `size` members (ties in node
  /// order), nodes with none left out.
  public func mostExposed(size: Int, limit: Int) -> [(id: String, count: Int)] {
    let counts = result.counts(size: size)
    return counts.indices.filter { counts[$0] > 0 }
      .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
      .prefix(max(0, limit)).map { (network.nodeIDs[$0], counts[$0]) }
  }
}
