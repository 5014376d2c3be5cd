import RensaGraph
import InternalRensaUtilities

/// Seeded random graphs for property tests, benchmarks and experiments. The same
/// arguments always give the same graph.
public enum GraphGenerators {
  /// A random digraph with `n` nodes and about `n · meanDegree` edges (uniform
  /// endpoints, self-loops and parallel edges allowed before merging).
  public static func random(n: Int, meanDegree: Double, seed: UInt64) -> Digraph {
    var rng = Xoshiro256StarStar(seed: seed)
    let m = Int((Double(n) * meanDegree).rounded())
    guard n > 0 else { return Digraph(nodeCount: 0, edges: [(Int, Int)]()) }
    var sources = [UInt32](repeating: 0, count: m)
    var targets = [UInt32](repeating: 0, count: m)
    for e in 0..<m {
      sources[e] = UInt32(rng.next() % UInt64(n))
      targets[e] = UInt32(rng.next() % UInt64(n))
    }
    return Digraph(nodeCount: n, sources: sources, destinations: targets)
  }

  /// A small random graph whose shape is itself random: size in `0...maxNodes`,
  /// density anywhere from empty to dense, with cycles, self-loops and isolated nodes.
  package static func arbitrary(maxNodes: Int, rng: inout Xoshiro256StarStar) -> Digraph {
    let n = Int(rng.next() % UInt64(maxNodes + 1))
    guard n > 0 else { return Digraph(nodeCount: 0, edges: [(Int, Int)]()) }
    let density = rng.nextUnitDouble() * 3.0
    let m = Int(Double(n) * density)
    var edges: [(Int, Int)] = []
    let forwardBias = rng.nextUnitDouble()  // mostly-acyclic to fully random
    for _ in 0..<m {
      var s = Int(rng.next() % UInt64(n))
      var t = Int(rng.next() % UInt64(n))
      if rng.nextUnitDouble() < forwardBias && s > t { swap(&s, &t) }
      edges.append((s, t))
    }
    return Digraph(nodeCount: n, edges: edges)
  }

  /// The "hard family" of the closure benchmarks: nodes on a line, 95 % of edges
  /// pointing forward (half to the next 1–50 nodes, half long jumps with mean
  /// n / 20), 5 % short back-edges (1–50 back), labels randomly permuted. At
  /// n = 50,000 with mean degree 3 it has tens of thousands of strongly connected
  /// components and a mean reach near half the graph, like real supply chains.
  public static func hardFamily(n: Int, meanDegree: Double = 3, seed: UInt64) -> Digraph {
    var rng = Xoshiro256StarStar(seed: seed)
    let m = Int((Double(n) * meanDegree).rounded())
    var permutation = Array(0..<n)
    permutation.shuffle(using: &rng)
    var sources = [UInt32]()
    var targets = [UInt32]()
    sources.reserveCapacity(m)
    targets.reserveCapacity(m)
    let meanJump = max(1.0, Double(n) / 20)
    for _ in 0..<m {
      let s = Int(rng.next() % UInt64(n))
      let kind = rng.nextUnitDouble()
      var t: Int
      if kind < 0.475 {
        t = s + 1 + Int(rng.next() % 50)
      } else if kind < 0.95 {
        // Exponential jump with mean n/20.
        let u = max(rng.nextUnitDouble(), 1e-12)
        t = s + 1 + Int(-log(u) * meanJump)
      } else {
        t = s - 1 - Int(rng.next() % 50)
      }
      guard t >= 0 && t < n && t != s else { continue }
      sources.append(UInt32(permutation[s]))
      targets.append(UInt32(permutation[t]))
    }
    return Digraph(nodeCount: n, sources: sources, destinations: targets)
  }

  /// A random requirement graph over `graph`'s edges: each dependent's suppliers
  /// are split into random groups with random `needed` (k-of-n) values.
  /// Whole-hour delays drawn uniformly from `range`, one per edge, from their own stream
  /// of `seed` (the timed workloads of `rensa-bench generate --delays` and the benchmarks).
  public static func delays(count: Int, range: ClosedRange<UInt32>, seed: UInt64) -> [UInt32] {
    var rng = Xoshiro256StarStar(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
    let span = UInt64(range.upperBound - range.lowerBound) + 1
    return (0..<count).map { _ in range.lowerBound + UInt32(rng.next() % span) }
  }

  /// A timed random workload: ``random(n:meanDegree:seed:)`` with ``delays(count:range:seed:)``
  /// on its edges in row order, every edge required; with `alternatives`, the edges of
  /// each dependent are paired into groups of two alternatives instead.
  public static func timedRandom(
    n: Int, meanDegree: Double, delays range: ClosedRange<UInt32> = 1...24, seed: UInt64, alternatives: Bool = false
  ) -> TimedDependencyGraph {
    let graph = random(n: n, meanDegree: meanDegree, seed: seed)
    let delays = delays(count: graph.edgeCount, range: range, seed: seed)
    var seen = [Int](repeating: 0, count: n)
    var edges: [TimedDependencyGraph.Edge] = []
    edges.reserveCapacity(graph.edgeCount)
    var k = 0
    for v in 0..<n {
      for w in graph.successors(of: v) {
        let d = Int(w)
        let group: Int? = alternatives ? seen[d] / 2 : nil
        seen[d] += 1
        edges.append(.init(supplier: v, dependent: d, delay: Double(delays[k]), recovery: 1, group: group))
        k += 1
      }
    }
    // Valid by construction: ids in range, finite delays, need 1.
    return try! TimedDependencyGraph(nodeCount: n, edges: edges)
  }

  /// Random requirement groups over `graph` from the stream of `seed` (see
  /// ``randomRequirements(_:rng:)``).
  public static func randomRequirements(_ graph: Digraph, seed: UInt64) -> RequirementGraph {
    var rng = Xoshiro256StarStar(seed: seed)
    return randomRequirements(graph, rng: &rng)
  }

  /// Redundant requirements over `graph`'s edges (the N-k workloads): each dependent's
  /// suppliers, shuffled, in groups of two to five alternatives (fewer where it has fewer),
  /// one needed, or two in a group of four or five with probability ½.
  public static func alternatives(_ graph: Digraph, seed: UInt64) -> RequirementGraph {
    var rng = Xoshiro256StarStar(seed: seed)
    return alternatives(graph, rng: &rng)
  }

  package static func alternatives(_ graph: Digraph, rng: inout Xoshiro256StarStar) -> RequirementGraph {
    grouped(
      graph, rng: &rng, size: { left, rng in min(left, 2 + Int(rng.next() % 4)) },
      needed: { size, rng in size > 3 && rng.next() % 2 == 0 ? 2 : 1 })
  }

  /// Each dependent's suppliers, shuffled, cut into groups of `size(left, rng)` with
  /// `needed(size, rng)` (the draws in this order, group after group).
  static func grouped(
    _ graph: Digraph, rng: inout Xoshiro256StarStar, size: (Int, inout Xoshiro256StarStar) -> Int,
    needed: (Int, inout Xoshiro256StarStar) -> Int
  ) -> RequirementGraph {
    let transposed = graph.transposed()
    var groups: [RequirementGraph.Group] = []
    for v in 0..<graph.nodeCount {
      var suppliers = transposed.successors(of: v).map { Int($0) }
      suppliers.shuffle(using: &rng)
      while !suppliers.isEmpty {
        let k = size(suppliers.count, &rng)
        let members = Array(suppliers.prefix(k))
        suppliers.removeFirst(k)
        groups.append(.init(dependent: v, suppliers: members, needed: needed(k, &rng)))
      }
    }
    return RequirementGraph(nodeCount: graph.nodeCount, groups: groups)
  }

  /// `count` uniform doubles in [0, 1) from the stream of `seed` (53 random bits each).
  public static func unitDoubles(count: Int, seed: UInt64) -> [Double] {
    var rng = Xoshiro256StarStar(seed: seed)
    return (0..<count).map { _ in rng.nextUnitDouble() }
  }

  package static func randomRequirements(_ graph: Digraph, rng: inout Xoshiro256StarStar) -> RequirementGraph {
    grouped(
      graph, rng: &rng, size: { left, rng in 1 + Int(rng.next() % UInt64(min(left, 4))) },
      needed: { size, rng in 1 + Int(rng.next() % UInt64(size)) })
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension GraphGenerators {
  /// An Erdős–Rényi graph G(n, m) with m = round(n · meanDegree / 2) distinct undirected
  /// edges (no loops), each given in both directions.
  public static func erdosRenyiUndirected(n: Int, meanDegree: Double, seed: UInt64) -> Digraph {
    var rng = Xoshiro256StarStar(seed: seed)
    let m = Int((Double(n) * meanDegree / 2).rounded())
    var seen = Set<UInt64>()
    var sources: [UInt32] = []
    var targets: [UInt32] = []
    sources.reserveCapacity(2 * m)
    targets.reserveCapacity(2 * m)
    guard n > 1 else { return Digraph(nodeCount: n, edges: [(Int, Int)]()) }
    while seen.count < min(m, n * (n - 1) / 2) {
      let a = UInt32(rng.next() % UInt64(n))
      let b = UInt32(rng.next() % UInt64(n))
      if a == b { continue }
      let key = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
      guard seen.insert(key).inserted else { continue }
      sources.append(a)
      targets.append(b)
      sources.append(b)
      targets.append(a)
    }
    return Digraph(nodeCount: n, sources: sources, destinations: targets)
  }
}
