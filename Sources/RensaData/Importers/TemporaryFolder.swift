import Foundation
import Synchronization

/// A private temporary folder for unpacking an archive: created with `mkdtemp` (mode
/// 0700, an unpredictable name `rensa-<purpose>-<pid>-XXXXXX` in `$TMPDIR` or `/tmp`),
/// removed when done, and removed by ``TemporaryFolder/removeAll()`` from a signal
/// handler (the CLI calls it on SIGINT and SIGTERM). A process killed with SIGKILL
/// cannot clean up: the next one removes folders of its purpose whose process is gone
/// (``removeStale(purpose:)``).
public final class TemporaryFolder: Sendable {
  /// The folder's path.
  public let path: String

  /// The folders open, and whether the process is being interrupted (then no new
  /// folder is made: one made after the clean-up would survive the exit).
  private static let active = Mutex<(open: Set<String>, closing: Bool)>(([], false))

  /// Creates the folder, after removing stale ones of the same purpose.
  public init(purpose: String) throws(InputFileError) {
    Self.removeStale(purpose: purpose)
    let template = Self.base + "/rensa-\(purpose)-\(getpid())-XXXXXX"
    var bytes = Array(template.utf8CString)
    // Made and registered under the lock the signal handler's clean-up takes.
    let made: Result<String, InputFileError> = Self.active.withLock { state in
      guard !state.closing else {
        return .failure(InputFileError(path: Self.base, kind: .unreadable, detail: "interrupted"))
      }
      guard let made = mkdtemp(&bytes) else {
        return .failure(
          InputFileError(
            path: Self.base, kind: .unreadable,
            detail: "cannot create a private temporary folder: \(String(cString: strerror(errno)))"))
      }
      let path = String(cString: made)
      state.open.insert(path)
      return .success(path)
    }
    switch made {
    case .success(let made): path = made
    case .failure(let error): throw error
    }
  }

  /// Removes the folder and everything in it (never following links out of it).
  public func remove() {
    try? FileManager.default.removeItem(atPath: path)
    _ = Self.active.withLock { $0.open.remove(path) }
  }

  deinit { remove() }

  /// Removes every folder still open, and refuses new ones from then on (for a signal
  /// handler, before the process exits).
  public static func removeAll() {
    active.withLock { state in
      state.closing = true
      for path in state.open { try? FileManager.default.removeItem(atPath: path) }
      state.open.removeAll()
    }
  }

  /// Foundation's temporary folder (`$TMPDIR`, else `/tmp`), without its final slash.
  static var base: String {
    let base = NSTemporaryDirectory()
    return base.hasSuffix("/") && base.count > 1 ? String(base.dropLast()) : base
  }

  /// Removes folders `rensa-<purpose>-<pid>-…` of this user whose process no longer
  /// runs (left by a process killed with SIGKILL). Returns how many were removed.
  @discardableResult
  public static func removeStale(purpose: String) -> Int {
    let prefix = "rensa-\(purpose)-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return 0 }
    var removed = 0
    for name in names where name.hasPrefix(prefix) {
      let rest = name.dropFirst(prefix.count)
      guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
      let full = base + "/" + name
      var info = stat()
      guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else { continue }
      // Gone, or a zombie not yet reaped (its state in /proc is Z).
      let gone = kill(pid, 0) != 0 && errno == ESRCH
      let zombie = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") == true
      if gone || zombie {
        try? FileManager.default.removeItem(atPath: full)
        removed += 1
      }
    }
    return removed
  }
}
