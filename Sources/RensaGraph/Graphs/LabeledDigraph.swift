/// A ``Digraph`` whose nodes carry external identifiers (strings, integers, …).
///
/// Identifiers are mapped to dense indices `0..<nodeCount` in order of first
/// appearance, so the same input always gives the same numbering.
///
/// ```swift
/// var builder = LabeledDigraph<String>.Builder()
/// builder.addEdge(from: "grid", to: "hospital")
/// builder.addEdge(from: "grid", to: "water-pumps")
/// let labeled = builder.build()
/// labeled.index(of: "hospital")   // 1
/// labeled.labels                  // ["grid", "hospital", "water-pumps"]
/// ```
public struct LabeledDigraph<ID: Hashable & Sendable>: Sendable {
  /// The graph over dense indices.
  public let graph: Digraph
  /// `labels[i]` is the identifier of node `i`.
  public let labels: [ID]
  private let indexByLabel: [ID: Int]

  /// The dense index of `label`, or `nil` if it is not a node.
  ///
  /// - Complexity: O(1) expected.
  public func index(of label: ID) -> Int? { indexByLabel[label] }

  /// Builds a ``LabeledDigraph`` incrementally.
  public struct Builder: Sendable {
    private var labels: [ID] = []
    private var indexByLabel: [ID: Int] = [:]
    private var sources: [UInt32] = []
    private var destinations: [UInt32] = []

    public init() {}

    /// Adds a node (no-op if it exists) and returns its index.
    @discardableResult
    public mutating func addNode(_ label: ID) -> Int {
      if let i = indexByLabel[label] { return i }
      let i = labels.count
      precondition(i < Int(UInt32.max) - 1, "too many nodes for 32-bit indices")
      labels.append(label)
      indexByLabel[label] = i
      return i
    }

    /// Adds the edge `source → target`, creating either node if needed.
    /// Parallel edges are merged when the graph is built.
    public mutating func addEdge(from source: ID, to target: ID) {
      let s = addNode(source)
      let t = addNode(target)
      sources.append(UInt32(truncatingIfNeeded: s))
      destinations.append(UInt32(truncatingIfNeeded: t))
    }

    /// The number of nodes added so far.
    public var nodeCount: Int { labels.count }

    /// The finished graph.
    ///
    /// - Complexity: O(n + m).
    public func build() -> LabeledDigraph {
      LabeledDigraph(
        graph: Digraph(nodeCount: labels.count, sources: sources, destinations: destinations),
        labels: labels, indexByLabel: indexByLabel)
    }
  }

  private init(graph: Digraph, labels: [ID], indexByLabel: [ID: Int]) {
    self.graph = graph
    self.labels = labels
    self.indexByLabel = indexByLabel
  }
}
