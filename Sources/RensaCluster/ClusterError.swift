import RensaGraph
import InternalRensaUtilities

/// Errors of the clustering kernels.
public enum ClusterError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Distances of the wrong length, negative, NaN or infinite.
  case invalidDistances(String)
  /// Weights that are NaN, infinite or negative.
  case invalidWeights(String)
  /// A parameter outside its range (k larger than n, …).
  case invalidParameter(String)
  /// Too few observations for the operation.
  case tooFewObservations(needed: Int, got: Int)
  /// A working structure would exceed the memory limit (the bytes needed, the limit
  /// and what to do instead are in the payload).
  case memoryLimitExceeded(MemoryLimitExceeded)

  public var description: String {
    switch self {
    case .invalidDistances(let what): return "invalid distances: \(what)"
    case .invalidWeights(let what): return "invalid weights: \(what)"
    case .invalidParameter(let what): return "invalid parameter: \(what)"
    case .tooFewObservations(let needed, let got):
      return "at least \(needed) observations are needed, got \(got)"
    case .memoryLimitExceeded(let error): return error.description
    }
  }
}

extension ClusterError {
  /// Throws ``memoryLimitExceeded(_:)`` unless n × n entries of `bytesPerEntry` bytes fit
  /// `memoryLimit` (nil: `MemoryBudget.defaultLimit`): the check before a square working
  /// matrix is allocated.
  static func checkSquare(
    _ n: Int, bytesPerEntry: Int, memoryLimit: Int?, structure: String, alternative: String
  ) throws(ClusterError) {
    let (entries, overflowA) = n.multipliedReportingOverflow(by: n)
    let (bytes, overflowB) = entries.multipliedReportingOverflow(by: bytesPerEntry)
    let limit = memoryLimit ?? MemoryBudget.defaultLimit
    if overflowA || overflowB || bytes > limit {
      throw .memoryLimitExceeded(
        MemoryLimitExceeded(
          structure: structure, bytesNeeded: overflowA || overflowB ? .max : bytes, limit: limit, alternative: alternative))
    }
  }
}
