import Foundation
import RensaData
import RensaCluster
import RensaGraph
import InternalRensaUtilities

/// Binary workloads for the clustering kernels (format in Docs/Benchmarks.md): a
/// comment line `# rensa-binary rows=N columns=F density=P seed=S`, then one set bit
/// per line, `row<TAB>column`, rows ascending.
public enum BinaryWorkloadFile {
  /// Uniform bits of the given density, or with `blocks` > 1 planted co-clusters:
  /// row r and column c each get a block (uniformly, seeded), a bit inside a block is
  /// set with probability `inside`, outside with the probability that keeps the overall
  /// density (expected) at `density`.
  public static func generate(rows: Int, columns: Int, density: Double, seed: UInt64, blocks: Int = 1, inside: Double = 0)
    -> [(Int, Int)]
  {
    var rng = Xoshiro256StarStar(seed: seed)
    var ones: [(Int, Int)] = []
    ones.reserveCapacity(Int(Double(rows * columns) * density * 1.1))
    if blocks > 1 {
      let rowBlock = (0..<rows).map { _ in rng.next() % UInt64(blocks) }
      let columnBlock = (0..<columns).map { _ in rng.next() % UInt64(blocks) }
      let share = 1 / Double(blocks)
      let outside = (density - inside * share) / (1 - share)
      for r in 0..<rows {
        for c in 0..<columns where rng.nextUnitDouble() < (rowBlock[r] == columnBlock[c] ? inside : outside) {
          ones.append((r, c))
        }
      }
      return ones
    }
    for r in 0..<rows { for c in 0..<columns where rng.nextUnitDouble() < density { ones.append((r, c)) } }
    return ones
  }

  /// The same bits as ``generate(rows:columns:density:seed:blocks:inside:)``, as a matrix
  /// (the clustering benchmarks' workloads).
  public static func matrix(rows: Int, columns: Int, density: Double, seed: UInt64, blocks: Int = 1, inside: Double = 0)
    -> BinaryMatrix
  {
    var m = BinaryMatrix(rowCount: rows, columnCount: columns)
    for (r, c) in generate(rows: rows, columns: columns, density: density, seed: seed, blocks: blocks, inside: inside) {
      m[r, c] = true
    }
    return m
  }

  /// Reads a workload file written by `rensa-bench generate-binary`.
  public static func read(_ path: String) throws -> BinaryMatrix {
    let text = try readWorkload(path)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
    guard let header = lines.first, header.hasPrefix("# rensa-binary"),
      let rows = field(header, "rows"), let columns = field(header, "columns")
    else {
      throw DataError([DataIssue(file: path, line: 1, reason: "not a rensa-binary workload", hint: "write one with `rensa-bench generate-binary`")])
    }
    lines = lines.dropFirst()
    var m = BinaryMatrix(rowCount: rows, columnCount: columns)
    for (k, line) in lines.enumerated() {
      let parts = line.split(separator: "\t")
      guard parts.count == 2, let r = Int(parts[0]), let c = Int(parts[1]), r >= 0, r < rows, c >= 0, c < columns else {
        throw DataError([DataIssue(file: path, line: k + 2, reason: "expected row<TAB>column within \(rows)×\(columns)")])
      }
      m[r, c] = true
    }
    return m
  }

  static func field(_ header: Substring, _ name: String) -> Int? {
    for token in header.split(separator: " ") where token.hasPrefix("\(name)=") { return Int(token.dropFirst(name.count + 1)) }
    return nil
  }

  static func readWorkload(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputFileError(path: path, kind: .missing, detail: "cannot be read")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
