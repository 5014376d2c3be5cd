import CRensaBits

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
    // Tarjan's numbering: the first finished component is a sink; re-numbered below.
    var finished = [UInt32](repeating: UInt32.max, count: n)
    var componentCount: UInt32 = 0
    if n > 0 {
      let unvisited = Int32(-1)
      // All stacks hold at most n entries, so they are allocated once, unchecked.
      let index = UnsafeMutablePointer<Int32>.allocate(capacity: n)
      let low = UnsafeMutablePointer<Int32>.allocate(capacity: n)
      let tarjanStack = UnsafeMutablePointer<Int32>.allocate(capacity: n)
      let callNode = UnsafeMutablePointer<Int32>.allocate(capacity: n)
      let callEdge = UnsafeMutablePointer<Int>.allocate(capacity: n)
      defer {
        index.deallocate()
        low.deallocate()
        tarjanStack.deallocate()
        callNode.deallocate()
        callEdge.deallocate()
      }
      index.initialize(repeating: unvisited, count: n)
      var counter: Int32 = 0
      var stackTop = 0
      var callTop = 0
      graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
          finished.withUnsafeMutableBufferPointer { finished in
            let offsets = offsets.baseAddress!
            let targets = targets.baseAddress!
            let finished = finished.baseAddress!
            // The search is bound by memory latency on random graphs: when a node is
            // first visited, start fetching what its successors will need.
            @inline(__always) func prefetchSuccessors(_ v: Int) {
              var e = offsets[v]
              let end = offsets[v &+ 1]
              while e < end {
                let w = Int(targets[e])
                rensa_prefetch(index + w)
                rensa_prefetch(offsets + w)
                e &+= 1
              }
            }
            for root in 0..<n where index[root] == unvisited {
              index[root] = counter
              low[root] = counter
              counter &+= 1
              tarjanStack[stackTop] = Int32(truncatingIfNeeded: root)
              stackTop &+= 1
              callNode[0] = Int32(truncatingIfNeeded: root)
              callEdge[0] = offsets[root]
              prefetchSuccessors(root)
              callTop = 1
              while callTop > 0 {
                let v = Int(callNode[callTop &- 1])
                var position = callEdge[callTop &- 1]
                let end = offsets[v &+ 1]
                var vLow = low[v]
                var descended = false
                while position < end {
                  let w = Int(targets[position])
                  position &+= 1
                  let wIndex = index[w]
                  if wIndex == unvisited {
                    // Descend into w; v resumes at `position` later.
                    low[v] = vLow
                    callEdge[callTop &- 1] = position
                    index[w] = counter
                    low[w] = counter
                    counter &+= 1
                    tarjanStack[stackTop] = Int32(truncatingIfNeeded: w)
                    stackTop &+= 1
                    callNode[callTop] = Int32(truncatingIfNeeded: w)
                    callEdge[callTop] = offsets[w]
                    callTop &+= 1
                    prefetchSuccessors(w)
                    descended = true
                    break
                  } else if wIndex < vLow {
                    vLow = wIndex  // w is on the stack: finished nodes have index Int32.max
                  }
                }
                if descended { continue }
                low[v] = vLow
                callTop &-= 1
                if vLow == index[v] {  // read before the loop below overwrites it
                  while true {
                    stackTop &-= 1
                    let w = Int(tarjanStack[stackTop])
                    finished[w] = componentCount
                    index[w] = Int32.max
                    if w == v { break }
                  }
                  componentCount &+= 1
                }
                if callTop > 0 {
                  let parent = Int(callNode[callTop &- 1])
                  if vLow < low[parent] { low[parent] = vLow }
                }
              }
            }
          }
        }
      }
    }
    let top = componentCount &- 1
    for v in 0..<n { finished[v] = top &- finished[v] }
    self.component = finished
    self.count = Int(componentCount)
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
