import InternalRensaUtilities
import Foundation

/// The system's `xz -dc` as a stream: the decompressed bytes are handed on in chunks of
/// 1 MiB and counted, and the stream is stopped as soon as they pass a budget (a small
/// archive can unpack to gigabytes). Shared by the STIX reader (`.json.xz`) and the CSAF
/// importer (`.tar.xz`, fed to `tar`).
enum XZStream {
  struct Outcome {
    /// xz's exit status (meaningless when `exceeded`).
    var status: Int32
    /// What xz said on standard error, without the file name it puts first.
    var reason: String
    /// The budget was passed; xz was stopped.
    var exceeded: Bool
  }

  /// Decompresses `path`, giving every chunk to `each` (which returns false to stop
  /// reading, e.g. when its consumer has gone) until more than `limit` bytes came out.
  ///
  /// - Throws: ``InputFileError`` when `xz` cannot be run.
  static func decompress(_ path: String, limit: Int, each: (Data) -> Bool) throws(InputFileError) -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xz", "-dc", path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do { try process.run() } catch {
      throw InputFileError(path: path, kind: .unreadable, detail: "cannot run xz to decompress it (install xz-utils)")
    }
    var total = 0
    var exceeded = false
    var stopped = false
    while true {
      let chunk = output.fileHandleForReading.readData(ofLength: 1 << 20)
      if chunk.isEmpty { break }
      total += chunk.count
      if total > limit {
        exceeded = true
        break
      }
      if !each(chunk) {
        stopped = true
        break
      }
    }
    if exceeded || stopped { process.terminate() }
    process.waitUntilExit()
    // xz says "xz: PATH: Compressed data is corrupt"; keep its reason.
    var reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingSpaces(newlines: true)
    if let range = reason.range(of: "\(path): ") { reason = String(reason[range.upperBound...]) }
    return Outcome(status: process.terminationStatus, reason: reason, exceeded: exceeded)
  }
}
