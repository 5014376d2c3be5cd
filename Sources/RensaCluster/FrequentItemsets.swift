/// A set of columns (items) that occur together in at least `minimumSupport` rows
/// (transactions) of a binary matrix: for a sectors × threats matrix, threats that
/// several sectors share.
public struct Itemset: Sendable, Hashable {
  /// Column indices, ascending.
  public var items: [Int]
  /// Rows containing every item, ascending.
  public var rows: [Int]
  /// `rows.count`.
  public var support: Int { rows.count }
  /// Support divided by the number of rows.
  public var share: Double
  /// share(itemset) / Π share(item): 1 when the items occur independently, above 1
  /// when they occur together more often than chance predicts.
  public var lift: Double
  /// For a pair or larger: the highest confidence of a rule (itemset − {i}) → i, that
  /// is support(itemset) / support(itemset − {i}). 1 for a single item.
  public var confidence: Double
}

/// Frequent itemsets by Apriori (Agrawal & Srikant 1994) on column bitsets: each
/// item's rows are a bitset, an itemset's support is the popcount of the AND of its
/// items' bitsets, and a (k+1)-candidate is formed only from two frequent k-itemsets
/// sharing their first k − 1 items, and kept only if all its k-subsets are frequent.
public enum FrequentItemsets {
  /// All itemsets of 1 … `maxSize` items present in at least `minimumSupport` rows,
  /// ordered by size, then support (most first), then lift, then items.
  ///
  /// - Parameters:
  ///   - matrix: rows are transactions, columns items.
  ///   - minimumSupport: the least number of rows (≥ 1).
  ///   - maxSize: the largest itemset size (≥ 1).
  ///   - limit: the most itemsets to produce per size before refusing (the answer
  ///     would be unreadable, and mining it slow).
  /// - Throws: ``ClusterError/invalidParameter(_:)`` for a support or size below 1, or
  ///   when a size has more than `limit` frequent itemsets (raise the support).
  /// - Complexity: O(candidates · rows / 64) word operations per size.
  public static func mine(_ matrix: BinaryMatrix, minimumSupport: Int, maxSize: Int = 3, limit: Int = 1_000_000)
    throws(ClusterError) -> [Itemset]
  {
    guard minimumSupport >= 1 else { throw .invalidParameter("the minimum support is \(minimumSupport); it must be ≥ 1") }
    guard maxSize >= 1 else { throw .invalidParameter("the largest itemset size is \(maxSize); it must be ≥ 1") }
    let n = matrix.rowCount
    let m = matrix.columnCount
    let words = (n + 63) / 64
    // Column bitsets over the rows.
    var columnBits = [UInt64](repeating: 0, count: m * words)
    for r in 0..<n {
      matrix.forEachSetBit(ofRow: r) { c in columnBits[c * words + r / 64] |= 1 << UInt64(r % 64) }
    }
    let itemShare = (0..<m).map { c in
      Double((0..<words).reduce(0) { $0 + columnBits[c * words + $1].nonzeroBitCount }) / Double(max(n, 1))
    }
    func rows(of bits: ArraySlice<UInt64>) -> [Int] {
      var out: [Int] = []
      for (w, value) in bits.enumerated() {
        var word = value
        while word != 0 {
          out.append(w * 64 + word.trailingZeroBitCount)
          word &= word - 1
        }
      }
      return out
    }
    // Level k: the frequent k-itemsets (sorted lexicographically) and their row bitsets.
    var level: [[Int]] = []
    var levelBits: [UInt64] = []
    var supportOf: [[Int]: Int] = [:]
    var result: [Itemset] = []
    for c in 0..<m {
      let bits = columnBits[(c * words)..<((c + 1) * words)]
      let support = bits.reduce(0) { $0 + $1.nonzeroBitCount }
      if support >= minimumSupport {
        level.append([c])
        levelBits.append(contentsOf: bits)
        supportOf[[c]] = support
      }
    }
    if level.count > limit { throw tooMany(level.count, size: 1, limit: limit) }
    for (k, items) in level.enumerated() {
      let share = Double(supportOf[items]!) / Double(n)
      result.append(Itemset(items: items, rows: rows(of: levelBits[(k * words)..<((k + 1) * words)]), share: share, lift: 1, confidence: 1))
    }
    var size = 1
    var scratch = [UInt64](repeating: 0, count: words)
    while size < maxSize && level.count > 1 {
      var next: [[Int]] = []
      var nextBits: [UInt64] = []
      var a = 0
      while a < level.count {
        // Itemsets sharing the first size − 1 items are contiguous in sorted order.
        var end = a + 1
        while end < level.count && level[end].prefix(size - 1) == level[a].prefix(size - 1) { end += 1 }
        for i in a..<end {
          for j in (i + 1)..<end {
            let candidate = level[i] + [level[j][size - 1]]
            // Apriori pruning: every subset of `size` items must be frequent.
            if size >= 2 {
              var allFrequent = true
              for drop in 0..<(size - 1) {
                var subset = candidate
                subset.remove(at: drop)
                if supportOf[subset] == nil {
                  allFrequent = false
                  break
                }
              }
              if !allFrequent { continue }
            }
            var support = 0
            for w in 0..<words {
              scratch[w] = levelBits[i * words + w] & levelBits[j * words + w]
              support += scratch[w].nonzeroBitCount
            }
            if support >= minimumSupport {
              next.append(candidate)
              nextBits.append(contentsOf: scratch)
              supportOf[candidate] = support
              if next.count > limit { throw tooMany(next.count, size: size + 1, limit: limit) }
            }
          }
        }
        a = end
      }
      size += 1
      level = next
      levelBits = nextBits
      var sized: [Itemset] = []
      for (k, items) in level.enumerated() {
        let support = supportOf[items]!
        let share = Double(support) / Double(n)
        let independent = items.reduce(1.0) { $0 * itemShare[$1] }
        var confidence = 0.0
        for drop in items.indices {
          var rest = items
          rest.remove(at: drop)
          confidence = max(confidence, Double(support) / Double(supportOf[rest]!))
        }
        sized.append(Itemset(
          items: items, rows: rows(of: levelBits[(k * words)..<((k + 1) * words)]), share: share,
          lift: share / independent, confidence: confidence))
      }
      result.append(contentsOf: sized)
    }
    return result.sorted { x, y in
      if x.items.count != y.items.count { return x.items.count < y.items.count }
      if x.support != y.support { return x.support > y.support }
      if x.lift != y.lift { return x.lift > y.lift }
      return x.items.lexicographicallyPrecedes(y.items)
    }
  }

  static func tooMany(_ count: Int, size: Int, limit: Int) -> ClusterError {
    .invalidParameter(
      "more than \(limit) frequent itemsets of \(size) items (\(count) so far); raise the minimum support or lower the size")
  }
}

/// The adjusted Rand index (Hubert & Arabie 1985) of two partitions of the same
/// items: 1 for identical partitions (up to label names), about 0 for independent
/// ones. Labels are any integers. Two partitions that each put everything in one
/// cluster (or everything apart) are identical: 1.
public func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
  precondition(a.count == b.count, "partitions of different lengths")
  let n = a.count
  func choose2(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
  var table: [Int: [Int: Int]] = [:]
  var rowTotals: [Int: Int] = [:]
  var columnTotals: [Int: Int] = [:]
  for (x, y) in zip(a, b) {
    table[x, default: [:]][y, default: 0] += 1
    rowTotals[x, default: 0] += 1
    columnTotals[y, default: 0] += 1
  }
  let index = table.values.reduce(0.0) { s, row in row.values.reduce(s) { $0 + choose2($1) } }
  let sumA = rowTotals.values.reduce(0.0) { $0 + choose2($1) }
  let sumB = columnTotals.values.reduce(0.0) { $0 + choose2($1) }
  let expected = n < 2 ? 0 : sumA * sumB / choose2(n)
  let maximum = (sumA + sumB) / 2
  if maximum == expected { return 1 }
  return (index - expected) / (maximum - expected)
}
