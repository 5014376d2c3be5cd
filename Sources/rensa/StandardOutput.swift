import Foundation
import Rensa
import Synchronization

/// Standard output of the CLI, written with write(2) and checked: every `print` of
/// this module comes here (the module's `print` below shadows the standard library's).
///
/// A failed write (a full disk, `/dev/full`, a closed descriptor) is remembered and,
/// at the latest when the program exits, reported with exit status 74: a cut-off
/// document never comes with exit status 0. A reader that stopped reading (a pipe into
/// `head`) ends the program quietly with status 141, as SIGPIPE would.
enum StandardOutput {
  private struct State {
    var buffer: [UInt8] = []
    var failure: Int32? = nil
  }
  private static let state = Mutex(State())
  private static let capacity = 1 << 16
  /// A terminal sees every line when it is printed, as with stdio's line buffering.
  private static let interactive = isatty(1) != 0

  /// Appends `text`, writing the buffer out when it is full. On a terminal, control
  /// sequences in text from the input are shown escaped (``Identity/terminalSafe(_:)``).
  static func write(_ text: String) {
    let text = interactive ? Identity.terminalSafe(text) : text
    state.withLock { s in
      if text.utf8.count >= capacity {
        // A whole document: written from its own bytes, not copied into the buffer.
        drain(&s)
        var text = text
        text.withUTF8 { writeAll($0, &s) }
        return
      }
      s.buffer.append(contentsOf: text.utf8)
      if s.buffer.count >= capacity || (interactive && text.contains("\n")) { drain(&s) }
    }
  }

  /// Appends UTF-8 `bytes` (a chunk of a document written by `JSONBytes`), as ``write(_:)``.
  static func write(bytes: [UInt8]) {
    if interactive {
      write(String(decoding: bytes, as: UTF8.self))
      return
    }
    state.withLock { s in
      drain(&s)
      bytes.withUnsafeBufferPointer { writeAll($0, &s) }
    }
  }

  /// Writes out what is buffered (before a long computation, or at exit).
  static func flush() { state.withLock { drain(&$0) } }

  private static func drain(_ s: inout State) {
    defer { s.buffer.removeAll(keepingCapacity: true) }
    guard !s.buffer.isEmpty else { return }
    let buffer = s.buffer
    buffer.withUnsafeBufferPointer { writeAll(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count), &s) }
  }

  /// Writes `bytes` to descriptor 1, remembering the first failure (and writing nothing
  /// after one).
  private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, _ s: inout State) {
    guard s.failure == nil, let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let n = Foundation.write(1, base + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        s.failure = errno
        return
      }
      offset += n
    }
  }

  /// Flushes and, when any write failed, says so on standard error and ends the
  /// process with 74 (141 for a closed pipe).
  static func finish() {
    flush()
    guard let code = state.withLock({ $0.failure }) else { return }
    if code == EPIPE { _exit(141) }
    let text =
      "rensa: error: standard output could not be written (\(String(cString: strerror(code)))): what it received is incomplete\n"
      + "hint: free space on the disk it goes to, or write somewhere else\n"
    _ = text.withCString { Foundation.write(2, $0, strlen($0)) }
    _exit(ExitStatus.ioError)
  }
}

/// The standard library's `print`, through ``StandardOutput`` (checked writes).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  for (k, item) in items.enumerated() {
    if k > 0 { StandardOutput.write(separator) }
    StandardOutput.write(item as? String ?? String(describing: item))
  }
  StandardOutput.write(terminator)
}
