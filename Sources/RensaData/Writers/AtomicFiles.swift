import Foundation

/// Writes files into `directory` (created if needed), all or none, without ever
/// following a symbolic link:
///
/// - the folder and every subfolder (`charts/…`) are opened with `O_NOFOLLOW` and used
///   through their descriptors (`openat`, `mkdirat`, `renameat`), so a link planted at
///   any step is refused, not followed;
/// - each file is first written to a new temporary file beside its final name, created
///   exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`) under an unpredictable name
///   (`.NAME.<random>.partial`), so nothing planted in advance can be opened;
/// - once all are written and closed (every write checked: a full disk is an error, not
///   a short file), they are renamed into place; a rename replaces a link at the final
///   name instead of writing through it.
///
/// Ctrl-C (SIGINT) or SIGTERM meanwhile removes the temporary files and exits with 130
/// (143) once a command-line program has called `Interruption.install()`, so an
/// interrupted run never leaves a half-written file and leaves the previous files as
/// they were.
public enum AtomicFiles {
  /// Writes `files` (paths relative to `directory`, `/` between folders) into
  /// `directory`, all or none, following no link (above).
  ///
  /// ```swift
  /// try AtomicFiles.write([("report.md", markdown), ("charts/a.svg", svg)], into: "out")
  /// ```
  ///
  /// - Returns: the paths written, in the order given.
  /// - Throws: ``OutputError`` naming the path and the system's reason; nothing of the
  ///   previous files is replaced then.
  @discardableResult
  public static func write(_ files: [(name: String, text: String)], into directory: String) throws(OutputError) -> [String] {
    try writeFiles(files.map { ($0.name, .text($0.text)) }, into: directory)
  }

  /// As ``write(_:into:)``, for files of text or bytes (a PDF beside the HTML), all or none.
  ///
  /// - Returns: the paths written, in the order given.
  /// - Throws: ``OutputError`` naming the path and the system's reason.
  @discardableResult
  public static func write(contents files: [(name: String, contents: FileContents)], into directory: String) throws(OutputError) -> [String] {
    try writeFiles(files, into: directory)
  }

  /// Refuses, before any work, an output folder that cannot be one: empty, an existing
  /// file or device, or a symbolic link (the errors ``write(_:into:)`` would give).
  public static func checkFolder(_ directory: String) throws(OutputError) {
    try OutputFolder.check(directory)
  }
}

/// What a file holds: text (written as UTF-8) or bytes.
public enum FileContents: Sendable {
  case text(String)
  case bytes([UInt8])
}

@discardableResult
func writeFiles(_ files: [(name: String, contents: FileContents)], into directory: String) throws(OutputError) -> [String] {
  try OutputFolder.check(directory)
  let root = try OutputFolder.open(directory)
  var folders: [String: Int32] = ["": root]
  defer { for fd in folders.values { close(fd) } }
  var pending: [(folder: Int32, final: String, partial: String, shown: String)] = []
  defer { Interruption.forget(pending.map { ($0.folder, $0.partial) }, remove: true) }
  for file in files {
    let parts = file.name.split(separator: "/").map(String.init)
    guard let leaf = parts.last, !parts.contains(".."), !file.name.hasPrefix("/") else {
      throw OutputError(message: "refusing to write '\(file.name)' outside \(directory)")
    }
    var fd = root
    var relative = ""
    for part in parts.dropLast() {
      let next = relative.isEmpty ? part : relative + "/" + part
      if let open = folders[next] {
        fd = open
      } else {
        fd = try OutputFolder.sub(part, of: fd, shown: (directory as NSString).appendingPathComponent(next))
        folders[next] = fd
      }
      relative = next
    }
    let shown = (directory as NSString).appendingPathComponent(file.name)
    let partial = try OutputFolder.writeTemporary(file.contents, named: leaf, in: fd, shown: shown)
    pending.append((fd, leaf, partial, shown))
  }
  // Fault injection for the interruption tests (Docs/Hardening.md): every file is
  // written but none renamed yet.
  if ProcessInfo.processInfo.environment["RENSA_FAULT_PAUSE_BEFORE_RENAME"] != nil {
    FileHandle.standardError.write(Data("rensa: fault injection: paused before renaming \(pending.count) files\n".utf8))
    Thread.sleep(forTimeInterval: 60)
  }
  try Interruption.whileHeld { () throws(OutputError) in
    for p in pending where renameat(p.folder, p.partial, p.folder, p.final) != 0 {
      let reason = errno == EISDIR || errno == ENOTEMPTY ? "a folder of that name is in the way" : String(cString: strerror(errno))
      throw OutputError(message: "cannot write \(p.shown): \(reason)")
    }
    pending = []
  }
  return files.map { (directory as NSString).appendingPathComponent($0.name) }
}

/// The steps of ``writeFiles(_:into:)``.
enum OutputFolder {
  /// Refuses, before any work, an output folder that cannot be one: empty, an existing
  /// file or device, or a symbolic link (the same errors ``writeFiles(_:into:)`` gives).
  static func check(_ directory: String) throws(OutputError) {
    guard !directory.isEmpty else {
      throw OutputError(message: "the output folder is empty (\"\")", hint: "name a folder", kind: .usage, reason: .emptyName)
    }
    var info = stat()
    guard lstat(directory, &info) == 0 else { return }  // created when written
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return
    case S_IFLNK: throw failure(ELOOP, directory, folder: true)
    default: throw failure(ENOTDIR, directory, folder: true)
    }
  }

  /// Opens (creating it and missing parents) the output folder. The folder itself must
  /// not be a symbolic link; its parents are the user's path.
  static func open(_ directory: String) throws(OutputError) -> Int32 {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      // Create missing parents and the folder with mkdir(2), keeping the system's reason.
      var prefix = directory.hasPrefix("/") ? "/" : ""
      for component in directory.split(separator: "/") {
        prefix += component
        if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
          throw OutputError(message: "cannot create the folder \(prefix): \(String(cString: strerror(errno)))")
        }
        prefix += "/"
      }
    }
    let fd = Foundation.open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      var info = stat()
      // Linux answers ENOTDIR for a link opened with O_DIRECTORY | O_NOFOLLOW.
      let isLink = lstat(directory, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
      throw failure(isLink ? ELOOP : code, directory, folder: true)
    }
    return fd
  }

  /// Opens (creating it) the subfolder `name` of `parent`, refusing a link.
  static func sub(_ name: String, of parent: Int32, shown: String) throws(OutputError) -> Int32 {
    if mkdirat(parent, name, 0o777) != 0 && errno != EEXIST {
      throw OutputError(message: "cannot create the folder \(shown): \(String(cString: strerror(errno)))")
    }
    let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      var info = stat()
      let isLink = fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
      throw failure(isLink ? ELOOP : code, shown, folder: true)
    }
    return fd
  }

  /// Writes `text` to a new file of an unpredictable name beside `name` in `folder`,
  /// created exclusively; returns its name. The file is created and registered with the
  /// interruption handler in one step (``Interruption/createTracked(in:_:)``), so an
  /// interruption can never leave a file it does not know of.
  static func writeTemporary(
    _ contents: FileContents, named name: String, in folder: Int32, shown: String
  ) throws(OutputError) -> String {
    var generator = SystemRandomNumberGenerator()
    let (fd, temporary, code) = Interruption.createTracked(in: folder) {
      var fd: Int32 = -1
      var temporary = ""
      for _ in 0..<16 {
        temporary = ".\(name).\(String(generator.next() as UInt64, radix: 36)).partial"
        fd = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        if fd >= 0 || errno != EEXIST { break }
      }
      return (fd, temporary, errno)
    }
    guard fd >= 0 else { throw failure(code, shown, folder: false) }
    var failed: Int32? = nil
    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
      var offset = 0
      while offset < bytes.count {
        let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failed = errno
          return
        }
        offset += n
      }
    }
    switch contents {
    case .text(var text): text.withUTF8(put)
    case .bytes(let bytes): bytes.withUnsafeBufferPointer(put)
    }
    if close(fd) != 0 && failed == nil { failed = errno }
    if let failed { throw failure(failed, shown, folder: false) }
    return temporary
  }

  /// A failed step in words.
  static func failure(_ code: Int32, _ path: String, folder: Bool) -> OutputError {
    switch code {
    case ELOOP:
      return OutputError(
        message: "\(path) is a symbolic link: Rensa does not follow links where it writes",
        hint: folder ? "give the folder the link points to, or remove the link" : "remove the link", kind: .io)
    case ENOTDIR:
      return OutputError(
        message: "\(path) is not a folder\(folder ? " (it is a file or a device)" : "")",
        hint: "the output names a folder to write the files into", kind: .usage, reason: .notAFolder)
    case ENOSPC, EDQUOT:
      return OutputError(message: "cannot write \(path): the disk is full", hint: "free some space; nothing was replaced")
    default:
      return OutputError(message: "cannot write \(path): \(String(cString: strerror(code)))")
    }
  }
}

/// Files that could not be written (``AtomicFiles``): what went wrong, in words, and
/// what to do about it.
public struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Whether the output named cannot be one (a usage error: a file, a device, an empty
  /// name) or the system refused a step (an I/O error: permissions, a full disk, a link).
  public enum Kind: Sendable, Hashable { case usage, io }
  public var message: String
  /// What to do about it.
  public var hint: String = "check that the folder exists and is writable"
  public var kind: Kind = .io
  /// Why, for a program that words its own hint (a command-line flag, a form field).
  public enum Reason: Sendable, Hashable { case emptyName, notAFolder, other }
  public var reason: Reason = .other
  public var description: String { message }

  public init(
    message: String, hint: String = "check that the folder exists and is writable", kind: Kind = .io, reason: Reason = .other
  ) {
    self.message = message
    self.hint = hint
    self.kind = kind
    self.reason = reason
  }
}

/// The temporary files being written, removed if the process is interrupted: the
/// bookkeeping of ``AtomicFiles``; a command-line program calls ``install()`` once to
/// remove them (and the importers' temporary folders) on SIGINT and SIGTERM.
package enum Interruption {
  nonisolated(unsafe) static var partial: [(folder: Int32, name: String)] = []
  nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []
  static let lock = NSLock()

  /// Installs the SIGINT and SIGTERM handlers (once).
  package static func install() {
    lock.lock()
    defer { lock.unlock() }
    guard sources.isEmpty else { return }
    for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        // Holding the lock: never between a rename and its bookkeeping.
        lock.lock()
        for (folder, name) in partial { unlinkat(folder, name, 0) }
        TemporaryFolder.removeAll()
        FileHandle.standardError.write(Data("\nrensa: interrupted; no file was half-written\n".utf8))
        _exit(status)
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Runs `create` (which creates a file in `folder` and returns its descriptor, name and
  /// `errno`) holding the handler's lock, and registers the file before releasing it.
  /// The handler takes the same lock before it removes the files and exits, so a file is
  /// never created between its clean-up and the exit (a file created outside the lock and
  /// registered after it would survive the interruption).
  package static func createTracked(
    in folder: Int32, _ create: () -> (fd: Int32, name: String, code: Int32)
  ) -> (fd: Int32, name: String, code: Int32) {
    lock.lock()
    defer { lock.unlock() }
    let made = create()
    if made.fd >= 0 { partial.append((folder, made.name)) }
    return made
  }

  package static func forget(_ files: [(Int32, String)], remove: Bool) {
    lock.lock()
    for (folder, name) in files {
      partial.removeAll { $0.folder == folder && $0.name == name }
      if remove { unlinkat(folder, name, 0) }
    }
    lock.unlock()
  }

  package static func whileHeld(_ body: () throws(OutputError) -> Void) throws(OutputError) {
    lock.lock()
    defer { lock.unlock() }
    try body()
    partial.removeAll()
  }
}

