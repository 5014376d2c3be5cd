/// One problem found in input data: where it is and what is wrong.
public struct DataIssue: Sendable, Hashable, CustomStringConvertible {
  /// The file (as the user named it), or a description such as "built-in example network".
  public var file: String
  /// 1-based line number, when the problem is on one line.
  public var line: Int?
  /// The column or field concerned.
  public var field: String?
  /// What is wrong.
  public var reason: String
  /// A suggestion (did-you-mean, the accepted values, …).
  public var hint: String?

  public init(file: String, line: Int? = nil, field: String? = nil, reason: String, hint: String? = nil) {
    self.file = file
    self.line = line
    self.field = field
    self.reason = reason
    self.hint = hint
  }

  /// `file:line: field 'x': reason (hint)`, on one line: control and invisible
  /// characters of the input are written as `\u{…}` (``Identity/printable(_:keepingNewlines:)``).
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": "
    if let field { text += "field '\(field)': " }
    text += reason
    if let hint { text += " (\(hint))" }
    return Identity.printable(text)
  }
}

extension Array where Element == DataIssue {
  /// The issues by file, then line (file-level issues first), keeping the order in which
  /// they were found among equals: for readers whose checks run in several passes.
  public var inFileAndLineOrder: [DataIssue] {
    enumerated().sorted { ($0.element.file, $0.element.line ?? 0, $0.offset) < ($1.element.file, $1.element.line ?? 0, $1.offset) }
      .map(\.element)
  }
}

/// Input data was rejected. Carries **every** problem found in the input, not
/// only the first; nothing from the input has been used.
///
/// Every reader throws this one type (`throws(DataError)`): a file that could not be
/// read at all (missing, unreadable, not UTF-8, over the memory limit) is a `DataError`
/// whose ``unreadable`` says which and why, with one issue naming the file.
public struct DataError: Error, Sendable, Hashable, CustomStringConvertible {
  /// All problems, in file and line order.
  public var issues: [DataIssue]
  /// Set when the input could not be read at all (then nothing was parsed).
  public var unreadable: InputFileError?

  public init(_ issues: [DataIssue]) { self.issues = issues }

  /// A file that could not be read.
  public init(_ file: InputFileError) {
    self.issues = [DataIssue(file: file.path, reason: file.detail)]
    self.unreadable = file
  }

  public var description: String {
    if let unreadable { return unreadable.description }
    let head = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
    return "\(head) in the input:\n" + issues.map { "  " + $0.description }.joined(separator: "\n")
  }
}

extension DataError {
  /// `error` as a `DataError`: itself, a file that could not be read, or (for an error
  /// of another kind, which readers do not throw) one issue naming `file` and the error.
  package static func from(_ error: any Error, file: String) -> DataError {
    switch error {
    case let e as DataError: return e
    case let e as InputFileError: return DataError(e)
    default: return DataError([DataIssue(file: file, reason: String(describing: error))])
    }
  }
}

/// An input file could not be read.
public struct InputFileError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// The file does not exist.
    case missing
    /// The file exists but could not be read (permissions, a directory, …).
    case unreadable
    /// The bytes are not valid UTF-8 text.
    case notText
    /// Reading it would need more memory than the limit (`RENSA_MEMORY_LIMIT`).
    case tooLarge
  }
  public var path: String
  public var kind: Kind
  public var detail: String

  public init(path: String, kind: Kind, detail: String) {
    self.path = path
    self.kind = kind
    self.detail = detail
  }

  public var description: String { "\(path): \(detail)" }
}

/// The closest candidate to `word` by edit distance (insertions, deletions,
/// substitutions and adjacent transpositions, case-insensitive), if it is close
/// enough to be a plausible typo: at most a third of the word's length, at least 1.
package func didYouMean<S: Sequence>(_ word: String, among candidates: S) -> String? where S.Element == String {
  let limit = max(1, word.count / 3)
  var best: (candidate: String, distance: Int)? = nil
  let a = Array(word.lowercased())
  for candidate in candidates {
    let b = Array(candidate.lowercased())
    guard abs(a.count - b.count) <= limit else { continue }
    let distance = editDistance(a, b)
    if distance <= limit && distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
  }
  if let best { return best.candidate }
  // Second tier: the word is (nearly) a part of a longer id: "grid" or "gird" for
  // "grid-transmission", "hospital" for "st-mary-hospital". The shortest such id wins.
  guard a.count >= 3 else { return nil }
  var part: String? = nil
  for candidate in candidates {
    let b = Array(candidate.lowercased())
    guard b.count > a.count else { continue }
    let tokens = candidate.lowercased().split(whereSeparator: { "-_ ./".contains($0) }).map(Array.init)
    let near = editDistance(a, Array(b.prefix(a.count))) <= limit || tokens.contains { editDistance(a, $0) <= limit }
    if near && (part == nil || candidate.count < part!.count || (candidate.count == part!.count && candidate < part!)) {
      part = candidate
    }
  }
  return part
}

/// Optimal-string-alignment distance (Damerau–Levenshtein without repeated edits).
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { d[i][0] = i }
  for j in 0...b.count { d[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
      }
    }
  }
  return d[a.count][b.count]
}
