/// The strongly connected components of a ``Digraph``, numbered in
/// **topological order** of the condensation: every edge `u → v` between two
/// different components satisfies `component[u] < component[v]`.
///
/// Computed by Tarjan's algorithm with an explicit call stack, so a path or a
/// cycle of millions of nodes needs no recursion and cannot overflow the stack.
///
/// ```swift
/// let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 0), (1, 2), (3, 2)])
/// let scc = StronglyConnectedComponents(g)
/// scc.count                 // 3: {0, 1}, {3}, {2}
/// scc.component[0] == scc.component[1]   // true
/// ```
public struct StronglyConnectedComponents: Sendable, Hashable {
  /// `component[v]` is the component of node `v`, in `0..<count`.
  public let component: [UInt32]
  /// The number of components.
  public let count: Int

  /// Computes the components of `graph`.
  ///
  /// - Complexity: O(n + m) time; 4 words of extra memory per node.
  public init(_ graph: Digraph) {
    let n = graph.nodeCount
    let unvisited = Int32(-1)
    var index = [Int32](repeating: unvisited, count: n)
    var low = [Int32](repeating: 0, count: n)
    // Tarjan's order: the first finished component is a sink. Re-numbered below.
    var finished = [Int32](repeating: unvisited, count: n)
    var tarjanStack = [Int32]()
    var callNode = [Int32]()
    var callEdge = [Int]()
    var counter: Int32 = 0
    var componentCount: Int32 = 0

    graph.offsets.withUnsafeBufferPointer { offsets in
      graph.targets.withUnsafeBufferPointer { targets in
        index.withUnsafeMutableBufferPointer { index in
          low.withUnsafeMutableBufferPointer { low in
            finished.withUnsafeMutableBufferPointer { finished in
              for root in 0..<n where index[root] == unvisited {
                index[root] = counter
                low[root] = counter
                counter &+= 1
                tarjanStack.append(Int32(truncatingIfNeeded: root))
                callNode.append(Int32(truncatingIfNeeded: root))
                callEdge.append(offsets[root])
                while let top = callNode.last {
                  let v = Int(top)
                  let position = callEdge[callEdge.count - 1]
                  if position < offsets[v &+ 1] {
                    callEdge[callEdge.count - 1] = position &+ 1
                    let w = Int(targets[position])
                    if index[w] == unvisited {
                      index[w] = counter
                      low[w] = counter
                      counter &+= 1
                      tarjanStack.append(Int32(truncatingIfNeeded: w))
                      callNode.append(Int32(truncatingIfNeeded: w))
                      callEdge.append(offsets[w])
                    } else if finished[w] == unvisited, index[w] < low[v] {
                      low[v] = index[w]
                    }
                  } else {
                    callNode.removeLast()
                    callEdge.removeLast()
                    if low[v] == index[v] {
                      while true {
                        let w = Int(tarjanStack.removeLast())
                        finished[w] = componentCount
                        if w == v { break }
                      }
                      componentCount &+= 1
                    }
                    if let parent = callNode.last, low[v] < low[Int(parent)] {
                      low[Int(parent)] = low[v]
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    let c = Int(componentCount)
    let top = UInt32(truncatingIfNeeded: c &- 1)
    self.component = finished.map { top &- UInt32(truncatingIfNeeded: $0) }
    self.count = c
  }

  /// Creates components from an explicit assignment.
  ///
  /// - Precondition: every entry is in `0..<count` and the numbering is a
  ///   topological order of the condensation of the graph it describes.
  public init(component: [UInt32], count: Int) {
    self.component = component
    self.count = count
  }
}
