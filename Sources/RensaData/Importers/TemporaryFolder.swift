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

  private static let active = Mutex<Set<String>>([])

  /// Creates the folder, after removing stale ones of the same purpose.
  public init(purpose: String) throws(InputFileError) {
    Self.removeStale(purpose: purpose)
    let template = Self.base + "/rensa-\(purpose)-\(getpid())-XXXXXX"
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else {
      throw InputFileError(
        path: Self.base, kind: .unreadable, detail: "cannot create a private temporary folder: \(String(cString: strerror(errno)))")
    }
    path = String(cString: made)
    _ = Self.active.withLock { $0.insert(path) }
  }

  /// Removes the folder and everything in it (never following links out of it).
  public func remove() {
    try? FileManager.default.removeItem(atPath: path)
    _ = Self.active.withLock { $0.remove(path) }
  }

  deinit { remove() }

  /// Removes every folder still open (for a signal handler).
  public static func removeAll() {
    for path in active.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
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
