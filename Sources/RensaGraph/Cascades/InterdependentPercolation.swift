/// Cascades between two interdependent networks (Buldyrev, Parshani, Paul, Stanley &
/// Havlin, "Catastrophic cascade of failures in interdependent networks", Nature 464,
/// 2010): node i of network A and node i of network B depend on each other one to one. A
/// node functions only while it belongs to the giant (largest) connected component of its
/// own network *and* its partner functions. After removing a fraction 1 − p of A's nodes,
/// the giant components of A and B are pruned in turn until nothing changes; what remains
/// is the **mutual giant component**.
///
/// Theory for two Erdős–Rényi networks of mean degree k: the remaining fraction is
/// μ = p · g² with g the largest root of g = 1 − exp(−k · p · g²) (``theory(meanDegree:p:)``),
/// and the mutual giant component vanishes abruptly below p_c = 2.4554 / k.
public enum InterdependentPercolation {
  /// The fraction of nodes in the mutual giant component, and the number of pruning
  /// steps (one per network pass) until nothing changed.
  ///
  /// - Parameters:
  ///   - a: network A, each undirected edge given both ways.
  ///   - b: network B on the same nodes.
  ///   - removed: nodes removed from A at the start (their partners in B fail with them).
  public static func mutualGiantComponent(_ a: Digraph, _ b: Digraph, removed: [Bool]) -> (fraction: Double, steps: Int) {
    let n = a.nodeCount
    precondition(b.nodeCount == n && removed.count == n, "the networks and the removal must cover the same nodes")
    var alive = removed.map { !$0 }
    var component = [Int32](repeating: -1, count: n)
    var queue = [Int](repeating: 0, count: n)
    var steps = 0
    var stable = 0
    var network = 0
    while stable < 2 && n > 0 {
      let g = network == 0 ? a : b
      // Label the components of the alive subgraph of g; keep the largest.
      for v in 0..<n { component[v] = -1 }
      var best = (label: Int32(-1), size: 0)
      var label: Int32 = 0
      for s in 0..<n where alive[s] && component[s] < 0 {
        var head = 0
        var tail = 0
        queue[tail] = s
        tail += 1
        component[s] = label
        while head < tail {
          let v = queue[head]
          head += 1
          for w in g.successors(of: v) {
            let w = Int(w)
            if alive[w] && component[w] < 0 {
              component[w] = label
              queue[tail] = w
              tail += 1
            }
          }
        }
        if tail > best.size { best = (label, tail) }
        label += 1
      }
      var changed = false
      for v in 0..<n where alive[v] && component[v] != best.label {
        alive[v] = false
        changed = true
      }
      steps += 1
      stable = changed ? 0 : stable + 1
      network ^= 1
    }
    return (Double(alive.filter { $0 }.count) / Double(max(n, 1)), steps)
  }

  /// The theoretical mutual giant component of two Erdős–Rényi networks of mean degree
  /// `k` after keeping a fraction `p` of A: μ = p·g², g = 1 − exp(−k·p·g²), g the largest
  /// root (iterated from g = 1); 0 below ``criticalFraction(meanDegree:)``.
  public static func theory(meanDegree k: Double, p: Double) -> Double {
    guard p >= criticalFraction(meanDegree: k) else { return 0 }
    var g = 1.0
    for _ in 0..<1_000_000 {
      let next = 1 - (-k * p * g * g).exp
      if abs(next - g) < 1e-15 { break }
      g = next
    }
    return p * g * g
  }

  /// The critical fraction p_c below which the mutual giant component of two
  /// Erdős–Rényi networks of mean degree `k` vanishes. A nonzero root of
  /// g = 1 − exp(−k·p·g²) exists iff k·p = −ln(1 − g)/g² for some g in (0, 1), so
  /// k·p_c is that function's minimum (2.4554…), found by golden-section search.
  public static func criticalFraction(meanDegree k: Double) -> Double {
    func f(_ g: Double) -> Double { -Foundation.log(1 - g) / (g * g) }
    var lo = 1e-6
    var hi = 1 - 1e-9
    let ratio = (5.0.squareRoot() - 1) / 2
    for _ in 0..<200 {
      let a = hi - ratio * (hi - lo)
      let b = lo + ratio * (hi - lo)
      if f(a) < f(b) { hi = b } else { lo = a }
    }
    return f((lo + hi) / 2) / k
  }
}

extension Double {
  /// e raised to this power.
  fileprivate var exp: Double { Foundation.exp(self) }
}

import Foundation
