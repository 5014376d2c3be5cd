/// The dominator tree of a supply graph: X **dominates** Y when every supply
/// path to Y passes through X, so X is a single point of failure of Y in the
/// supply-path reading (each node needs a path from some source, any one).
///
/// Supply paths start at a virtual root joined to the given `roots`; by default
/// (``supplyRoots(of:)``) every member of a strongly connected component that no
/// other component supplies, so a top-level mutual-dependency loop (power ⇄
/// telecom) still counts as a source. Nodes the root does not reach have no
/// dominators.
///
/// Computed with the iterative algorithm of Cooper, Harvey & Kennedy ("A Simple,
/// Fast Dominance Algorithm", 2001) over a reverse post-order from an explicit
/// stack, then numbered by an Euler tour for O(1) ``dominates(_:_:)``.
///
/// ```swift
/// // grid → substation → {hospital, pumps}; pumps → hospital
/// let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (1, 3), (3, 2)])
/// let tree = DominatorTree(g)
/// tree.dominators(of: 2)   // [1, 0]: substation, then grid
/// ```
///
/// On an acyclic graph read "any one supplier suffices"
/// (``RequirementGraph/allOr(_:)``) the dominators of Y are exactly the single
/// points of failure that ``FailureTable`` finds; on cyclic graphs the two
/// readings differ (see the DocC article).
public struct DominatorTree: Sendable, Hashable {
  /// `immediateDominator[v]`: the closest strict dominator of `v`; `-1` when only
  /// the virtual root dominates `v`; `-2` when the root does not reach `v`.
  public let immediateDominator: [Int32]
  private let enter: [Int32]
  private let exit: [Int32]

  /// The members of every source component of `graph` (components with no
  /// incoming edge from another component).
  public static func supplyRoots(of graph: Digraph) -> [Int] {
    let condensation = Condensation(graph)
    var hasSupplier = [Bool](repeating: false, count: condensation.count)
    for t in condensation.dag.targets { hasSupplier[Int(t)] = true }
    return (0..<graph.nodeCount).filter { !hasSupplier[Int(condensation.components.component[$0])] }
  }

  /// Computes the dominator tree of `graph` from a virtual root joined to `roots`
  /// (default: ``supplyRoots(of:)``).
  ///
  /// - Complexity: O((n + m) · d) where d is the loop-nesting depth of the graph
  ///   (near-linear in practice); O(n + m) memory.
  public init(_ graph: Digraph, roots: [Int]? = nil) {
    let n = graph.nodeCount
    let root = n
    let rootList = roots ?? Self.supplyRoots(of: graph)
    let predecessors = graph.transposed()
    var isRoot = [Bool](repeating: false, count: n)
    for r in rootList { isRoot[r] = true }

    // Post-order numbering by an iterative DFS from the virtual root.
    let unvisited = Int32(-1)
    var postorder = [Int32](repeating: unvisited, count: n + 1)
    var order: [Int32] = []  // nodes in post-order
    order.reserveCapacity(n + 1)
    var visited = [Bool](repeating: false, count: n + 1)
    var stackNode: [Int] = [root]
    var stackEdge: [Int] = [0]
    visited[root] = true
    while let v = stackNode.last {
      let position = stackEdge[stackEdge.count - 1]
      let next: Int?
      if v == root {
        next = position < rootList.count ? rootList[position] : nil
      } else {
        next = position < graph.outDegree(of: v) ? Int(graph.targets[graph.offsets[v] + position]) : nil
      }
      if let w = next {
        stackEdge[stackEdge.count - 1] = position + 1
        if !visited[w] {
          visited[w] = true
          stackNode.append(w)
          stackEdge.append(0)
        }
      } else {
        postorder[v] = Int32(order.count)
        order.append(Int32(v))
        stackNode.removeLast()
        stackEdge.removeLast()
      }
    }

    var idom = [Int32](repeating: unvisited, count: n + 1)
    idom[root] = Int32(root)
    func intersect(_ a: Int32, _ b: Int32) -> Int32 {
      var a = a
      var b = b
      while a != b {
        while postorder[Int(a)] < postorder[Int(b)] { a = idom[Int(a)] }
        while postorder[Int(b)] < postorder[Int(a)] { b = idom[Int(b)] }
      }
      return a
    }
    var changed = true
    while changed {
      changed = false
      // Reverse post-order, skipping the root (last in post-order).
      for i in stride(from: order.count - 2, through: 0, by: -1) {
        let v = Int(order[i])
        var candidate: Int32 = unvisited
        if isRoot[v] { candidate = Int32(root) }
        for p in predecessors.successors(of: v) where idom[Int(p)] != unvisited {
          candidate = candidate == unvisited ? Int32(p) : intersect(Int32(p), candidate)
        }
        if candidate != idom[v] {
          idom[v] = candidate
          changed = true
        }
      }
    }

    // Euler tour of the tree for O(1) dominance queries.
    var childOffsets = [Int](repeating: 0, count: n + 2)
    for v in 0..<n where idom[v] != unvisited { childOffsets[Int(idom[v]) + 1] += 1 }
    for v in 0...n { childOffsets[v + 1] += childOffsets[v] }
    var cursor = childOffsets
    var children = [Int32](repeating: 0, count: childOffsets[n + 1])
    for v in 0..<n where idom[v] != unvisited {
      children[cursor[Int(idom[v])]] = Int32(v)
      cursor[Int(idom[v])] += 1
    }
    var enter = [Int32](repeating: -1, count: n + 1)
    var exit = [Int32](repeating: -1, count: n + 1)
    var clock: Int32 = 0
    var tourNode: [Int] = [root]
    var tourChild: [Int] = [childOffsets[root]]
    enter[root] = clock
    clock += 1
    while let v = tourNode.last {
      let i = tourChild[tourChild.count - 1]
      if i < childOffsets[v + 1] {
        tourChild[tourChild.count - 1] = i + 1
        let w = Int(children[i])
        enter[w] = clock
        clock += 1
        tourNode.append(w)
        tourChild.append(childOffsets[w])
      } else {
        exit[v] = clock
        clock += 1
        tourNode.removeLast()
        tourChild.removeLast()
      }
    }

    self.immediateDominator = (0..<n).map { v in
      idom[v] == unvisited ? -2 : (Int(idom[v]) == root ? -1 : idom[v])
    }
    self.enter = enter
    self.exit = exit
  }

  /// Whether the virtual root reaches `v` (so that its dominators are defined).
  public func isReachable(_ v: Int) -> Bool { immediateDominator[v] != -2 }

  /// Whether `x` dominates `y` (every supply path to `y` passes through `x`);
  /// false for `x == y` and for unreachable nodes.
  ///
  /// - Complexity: O(1).
  public func dominates(_ x: Int, _ y: Int) -> Bool {
    guard x != y, isReachable(x), isReachable(y) else { return false }
    return enter[x] < enter[y] && exit[y] < exit[x]
  }

  /// The strict dominators of `v`, nearest first (the virtual root excluded).
  ///
  /// - Complexity: O(depth of v in the tree).
  public func dominators(of v: Int) -> [Int] {
    var result: [Int] = []
    var x = immediateDominator[v]
    while x >= 0 {
      result.append(Int(x))
      x = immediateDominator[Int(x)]
    }
    return result
  }
}
