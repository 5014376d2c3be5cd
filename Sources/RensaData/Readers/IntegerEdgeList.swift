import Foundation
import RensaGraph
import InternalRensaUtilities

/// The integer edge-list format of benchmark workloads, readable by any tool:
///
/// ```text
/// # rensa-edges nodes=50000 edges=149873 family=hard seed=1
/// 0	17
/// 0	4031
/// ```
///
/// One edge per line, `source<TAB>target` with 0-based node ids (a space or comma
/// also separates); lines starting with `#` are comments, and a comment of the
/// form `nodes=N` fixes the node count (otherwise it is the largest id + 1). A first
/// line that is not numeric (a header such as `supplier\tdependent`) is skipped.
public enum IntegerEdgeList {
  /// Writes `graph` in this format; with `delays` (one per edge, in row order), as a
  /// timed workload with a third column.
  public static func write(_ graph: Digraph, delays: [UInt32]? = nil, to path: String, comment: String) throws {
    var text = "# rensa-edges nodes=\(graph.nodeCount) edges=\(graph.edgeCount) \(comment)\n"
    text.reserveCapacity(graph.edgeCount * (delays == nil ? 14 : 17))
    var k = 0
    for v in 0..<graph.nodeCount {
      let prefix = String(v) + "\t"
      for t in graph.successors(of: v) {
        text += prefix
        text += String(t)
        if let delays {
          text += "\t"
          text += String(delays[k])
        }
        text += "\n"
        k += 1
      }
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// Reads a graph, parsing bytes directly (no per-line strings).
  ///
  /// - Throws: ``DataError`` listing every malformed line (up to 100), or
  ///   (``DataError/unreadable``) a file that cannot be read.
  public static func read(path: String) throws(DataError) -> Digraph {
    guard FileManager.default.fileExists(atPath: path) else {
      throw DataError(InputFileError(path: path, kind: .missing, detail: "no such file"))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DataError(InputFileError(path: path, kind: .unreadable, detail: "cannot be read"))
    }
    return try parse(data, file: path)
  }

  /// Parses the bytes of an integer edge list.
  public static func parse(_ data: Data, file: String) throws(DataError) -> Digraph {
    let (n, sources, targets, _) = try parseColumns(data, file: file, columns: 2)
    return Digraph(nodeCount: n, sources: sources, destinations: targets)
  }

  /// A timed workload: `source<TAB>target<TAB>delay` with whole-hour delays, edges kept
  /// as listed (`rensa-bench generate --delays` writes no parallel edges).
  public struct Timed: Sendable {
    public var nodeCount: Int
    public var sources: [UInt32]
    public var targets: [UInt32]
    public var delays: [UInt32]
  }

  /// Reads a timed workload (three integers per line).
  public static func readTimed(path: String) throws(DataError) -> Timed {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DataError(InputFileError(
        path: path, kind: FileManager.default.fileExists(atPath: path) ? .unreadable : .missing, detail: "cannot be read"))
    }
    let (n, sources, targets, delays) = try parseColumns(data, file: path, columns: 3)
    return Timed(nodeCount: n, sources: sources, targets: targets, delays: delays)
  }

  static func parseColumns(_ data: Data, file: String, columns: Int) throws(DataError) -> (
    Int, [UInt32], [UInt32], [UInt32]
  ) {
    var weights: [UInt32] = []
    var sources: [UInt32] = []
    var targets: [UInt32] = []
    sources.reserveCapacity(data.count / 12)
    targets.reserveCapacity(data.count / 12)
    var declaredNodes: Int? = nil
    var issues: [DataIssue] = []
    var maxID = -1
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let bytes = raw.bindMemory(to: UInt8.self)
      var i = 0
      var line = 0
      let end = bytes.count
      while i < end {
        line += 1
        var lineEnd = i
        while lineEnd < end && bytes[lineEnd] != 0x0A { lineEnd += 1 }
        defer { i = lineEnd + 1 }
        var j = i
        while j < lineEnd && (bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D) { j += 1 }
        if j == lineEnd { continue }
        if bytes[j] == 0x23 {  // '#'
          let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[j..<lineEnd]), as: UTF8.self)
          if let range = text.range(of: "nodes=") {
            declaredNodes = Int(text[range.upperBound...].prefix { $0.isNumber })
          }
          continue
        }
        var numbers: [Int] = []
        var valid = true
        while j < lineEnd && numbers.count < 3 {
          var value = 0
          var digits = 0
          while j < lineEnd, bytes[j] >= 0x30, bytes[j] <= 0x39 {
            value = value &* 10 &+ Int(bytes[j] - 0x30)
            digits += 1
            j += 1
          }
          if digits == 0 || digits > 9 {
            valid = false
            break
          }
          numbers.append(value)
          while j < lineEnd && (bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x2C || bytes[j] == 0x0D) { j += 1 }
        }
        if !valid || numbers.count != columns || j != lineEnd {
          if sources.isEmpty && issues.isEmpty && line <= 2 { continue }  // a header line
          if issues.count < 100 {
            issues.append(
              DataIssue(
                file: file, line: line,
                reason: columns == 2
                  ? "expected two non-negative integer node ids (below 10⁹)"
                  : "expected two non-negative integer node ids and a whole-hour delay (below 10⁹)"))
          }
          continue
        }
        sources.append(UInt32(numbers[0]))
        targets.append(UInt32(numbers[1]))
        if columns == 3 { weights.append(UInt32(numbers[2])) }
        maxID = max(maxID, numbers[0], numbers[1])
      }
    }
    let n = declaredNodes ?? (maxID + 1)
    if let declaredNodes, maxID >= declaredNodes {
      issues.append(DataIssue(file: file, reason: "node id \(maxID) is not below the declared nodes=\(declaredNodes)"))
    }
    // A few bytes can name a node count of a billion (found by fuzzing): the graph's
    // arrays are checked against the memory limit before they are made.
    let needed = (Double(max(n, 0)) + 1) * 16 + Double(sources.count) * 16
    if needed > Double(MemoryBudget.defaultLimit) {
      issues.append(DataIssue(
        file: file,
        reason: "\(n) nodes (\(declaredNodes == nil ? "the largest id + 1" : "nodes=")) need \(needed >= 9e18 ? "more than 8 EiB" : formatBytes(Int(needed))) for the graph, more than "
          + "the memory limit of \(formatBytes(MemoryBudget.defaultLimit))",
        hint: "number the nodes from 0 without gaps, or raise RENSA_MEMORY_LIMIT"))
    }
    guard issues.isEmpty else { throw DataError(issues) }
    return (max(n, 0), sources, targets, weights)
  }
}
