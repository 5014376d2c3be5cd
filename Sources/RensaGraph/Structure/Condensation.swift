/// The condensation of a ``Digraph``: one node per strongly connected component,
/// an edge between two components when any of their members are joined, and the
/// members of every component.
///
/// Components are numbered in topological order (see
/// ``StronglyConnectedComponents``), so `dag` is a DAG whose every edge goes from
/// a lower to a higher number. ``members`` lists the nodes grouped by component
/// in that order, which gives every node a **position**: the members of each
/// component occupy a contiguous range of positions, and everything a component
/// reaches lies at higher positions. ``TransitiveClosure`` uses this layout.
///
/// A component is **cyclic** when it has two or more members, or one member with
/// a self-loop: its members then reach one another (and themselves).
public struct Condensation: Sendable {
  /// The components of the original graph.
  public let components: StronglyConnectedComponents
  /// The component DAG, without self-loops or parallel edges.
  public let dag: Digraph
  /// `memberOffsets[c] ..< memberOffsets[c + 1]` indexes the members of `c` in `members`.
  public let memberOffsets: [Int]
  /// Node ids grouped by component (ascending within a component).
  public let members: [UInt32]
  /// `position[v]` is the index of node `v` in `members`.
  public let position: [UInt32]
  /// Whether each component is cyclic (≥ 2 members, or a self-loop).
  public let isCyclic: [Bool]

  /// The number of components.
  @inlinable public var count: Int { components.count }

  /// The members of component `c`.
  @inlinable public func members(of c: Int) -> ArraySlice<UInt32> {
    members[memberOffsets[c]..<memberOffsets[c + 1]]
  }

  /// The number of members of component `c`.
  @inlinable public func size(of c: Int) -> Int { memberOffsets[c + 1] - memberOffsets[c] }

  /// Builds the condensation of `graph`.
  ///
  /// - Complexity: O(n + m).
  public init(_ graph: Digraph) {
    self.init(graph, components: StronglyConnectedComponents(graph))
  }

  /// Builds the condensation of `graph` from already computed components.
  ///
  /// - Complexity: O(n + m).
  public init(_ graph: Digraph, components: StronglyConnectedComponents) {
    let n = graph.nodeCount
    let c = components.count
    let component = components.component
    var memberOffsets = [Int](repeating: 0, count: c + 1)
    for v in 0..<n { memberOffsets[Int(component[v]) + 1] += 1 }
    for i in 0..<c { memberOffsets[i + 1] += memberOffsets[i] }
    var cursor = memberOffsets
    var members = [UInt32](repeating: 0, count: n)
    var position = [UInt32](repeating: 0, count: n)
    for v in 0..<n {
      let k = Int(component[v])
      members[cursor[k]] = UInt32(truncatingIfNeeded: v)
      position[v] = UInt32(truncatingIfNeeded: cursor[k])
      cursor[k] += 1
    }
    var isCyclic = [Bool](repeating: false, count: c)
    for i in 0..<c where memberOffsets[i + 1] - memberOffsets[i] > 1 { isCyclic[i] = true }

    // The DAG in CSR form, component by component: successors deduplicated with a
    // stamp per target component, then each (short) list sorted.
    var dagOffsets = [Int](repeating: 0, count: c + 1)
    var dagTargets: [UInt32] = []
    dagTargets.reserveCapacity(min(graph.edgeCount, 1 << 20))
    var stamp = [Int32](repeating: -1, count: c)
    graph.offsets.withUnsafeBufferPointer { offsets in
      graph.targets.withUnsafeBufferPointer { targets in
        component.withUnsafeBufferPointer { component in
          members.withUnsafeBufferPointer { members in
            stamp.withUnsafeMutableBufferPointer { stamp in
              for k in 0..<c {
                let k32 = Int32(truncatingIfNeeded: k)
                for i in memberOffsets[k]..<memberOffsets[k + 1] {
                  let u = Int(members[i])
                  for e in offsets[u]..<offsets[u + 1] {
                    let v = Int(targets[e])
                    let cv = component[v]
                    if cv == UInt32(truncatingIfNeeded: k) {
                      if v == u { isCyclic[k] = true }
                    } else if stamp[Int(cv)] != k32 {
                      stamp[Int(cv)] = k32
                      dagTargets.append(cv)
                    }
                  }
                }
                dagOffsets[k + 1] = dagTargets.count
              }
            }
          }
        }
      }
    }
    // Sort every successor list in place: insertion sort for the usual short lists.
    dagTargets.withUnsafeMutableBufferPointer { buffer in
      for k in 0..<c where dagOffsets[k + 1] - dagOffsets[k] > 1 {
        let lo = dagOffsets[k]
        let hi = dagOffsets[k + 1]
        if hi - lo > 32 {
          var list = UnsafeMutableBufferPointer(rebasing: buffer[lo..<hi])
          list.sort()
          continue
        }
        for i in (lo + 1)..<hi {
          let x = buffer[i]
          var j = i
          while j > lo && buffer[j - 1] > x {
            buffer[j] = buffer[j - 1]
            j -= 1
          }
          buffer[j] = x
        }
      }
    }
    self.components = components
    self.dag = Digraph(nodeCount: c, offsets: dagOffsets, targets: dagTargets)
    self.memberOffsets = memberOffsets
    self.members = members
    self.position = position
    self.isCyclic = isCyclic
  }

  /// The condensation of the **transposed** graph, derived without recomputing
  /// components: component `k` becomes `count − 1 − k` (the reverse of a topological
  /// order is one for the transposed DAG) and every DAG edge is reversed.
  ///
  /// - Complexity: O(n + m_c).
  public func reversed() -> Condensation {
    let c = count
    let top = UInt32(truncatingIfNeeded: c &- 1)
    let component = components.component.map { top &- $0 }
    var sources: [UInt32] = []
    var destinations: [UInt32] = []
    sources.reserveCapacity(dag.edgeCount)
    destinations.reserveCapacity(dag.edgeCount)
    for k in 0..<c {
      for d in dag.successors(of: k) {
        sources.append(top &- d)
        destinations.append(top &- UInt32(truncatingIfNeeded: k))
      }
    }
    var memberOffsets = [Int](repeating: 0, count: c + 1)
    var members = [UInt32]()
    members.reserveCapacity(self.members.count)
    for k in stride(from: c - 1, through: 0, by: -1) {
      members.append(contentsOf: self.members(of: k))
      memberOffsets[c - k] = members.count
    }
    var position = [UInt32](repeating: 0, count: members.count)
    for (i, v) in members.enumerated() { position[Int(v)] = UInt32(truncatingIfNeeded: i) }
    return Condensation(
      components: StronglyConnectedComponents(component: component, count: c),
      dag: Digraph(nodeCount: c, sources: sources, destinations: destinations),
      memberOffsets: memberOffsets, members: members, position: position, isCyclic: isCyclic.reversed())
  }

  private init(
    components: StronglyConnectedComponents, dag: Digraph, memberOffsets: [Int], members: [UInt32],
    position: [UInt32], isCyclic: [Bool]
  ) {
    self.components = components
    self.dag = dag
    self.memberOffsets = memberOffsets
    self.members = members
    self.position = position
    self.isCyclic = isCyclic
  }

  /// The cyclic components with two or more members: the graph's
  /// **mutual-dependency loops**, each as its member node ids (ascending), in
  /// topological order of the components.
  public var loops: [[Int]] {
    (0..<count).compactMap { c in
      size(of: c) > 1 ? members(of: c).map { Int($0) } : nil
    }
  }
}
