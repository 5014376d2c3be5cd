import InternalRensaUtilities

/// An analysis refused to allocate a structure larger than its memory limit.
public struct MemoryLimitExceeded: Error, Sendable, Hashable, CustomStringConvertible {
  /// What would have been allocated, e.g. "all-pairs closure bit matrix".
  public var structure: String
  /// Bytes the structure needs.
  public var bytesNeeded: Int
  /// The limit in force.
  public var limit: Int
  /// What to do instead (the option to raise, or an API that needs less memory), in the
  /// library's words.
  public var alternative: String
  /// The kind of way out, for a program that words it itself (a command-line tool names
  /// its flags).
  public enum Remedy: Sendable, Hashable {
    /// Single-source queries (O(n + m) memory) instead of the all-pairs closure.
    case singleSourceQueries
    /// Counts of single failures (O(n) memory) instead of the single-failure table.
    case failureCounts
    /// Another way out, said in ``alternative``.
    case other
  }
  public var remedy: Remedy

  public init(structure: String, bytesNeeded: Int, limit: Int, alternative: String, remedy: Remedy = .other) {
    self.structure = structure
    self.bytesNeeded = bytesNeeded
    self.limit = limit
    self.alternative = alternative
    self.remedy = remedy
  }

  public var description: String {
    "the \(structure) needs \(formatBytes(bytesNeeded)) (\(bytesNeeded) bytes), more than the "
      + "memory limit of \(formatBytes(limit)); \(alternative)"
  }
}
