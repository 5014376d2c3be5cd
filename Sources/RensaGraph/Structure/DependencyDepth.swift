/// Dependency depth: the length, in edges, of the longest chain of suppliers
/// that ends at each node, measured over the condensation so that a
/// mutual-dependency loop counts as one step.
///
/// A node with no suppliers has depth 0; members of one strongly connected
/// component share a depth. The depth of the graph is the largest node depth.
///
/// ```swift
/// // grid → telecom ⇄ data-centre → bank
/// let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (2, 1), (2, 3)])
/// DependencyDepth(Condensation(g)).depth   // [0, 1, 1, 2]
/// ```
public struct DependencyDepth: Sendable, Hashable {
  /// `depth[v]` for every node.
  public let depth: [Int]
  /// The largest depth (0 for an empty graph).
  public let maximum: Int

  /// Computes depths by one pass over the condensation in topological order.
  ///
  /// - Complexity: O(n + m_c).
  public init(_ condensation: Condensation) {
    let c = condensation.count
    var componentDepth = [Int](repeating: 0, count: c)
    for k in 0..<c {
      let next = componentDepth[k] + 1
      for d in condensation.dag.successors(of: k) where componentDepth[Int(d)] < next {
        componentDepth[Int(d)] = next
      }
    }
    let component = condensation.components.component
    self.depth = component.map { componentDepth[Int($0)] }
    self.maximum = componentDepth.max() ?? 0
  }
}
