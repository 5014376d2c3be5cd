import Foundation

/// Prints a report's HTML to PDF with headless Chromium (or Chrome), when one is
/// installed: the printed report is the HTML's print layout (marking on every page,
/// page numbers, tables continued with their header). Rensa does not lay out PDF itself.
///
/// ```swift
/// if let chromium = ReportPrinter.chromium() {
///   let pdf = try ReportPrinter.pdf(html: document.html, chromium: chromium)
/// }
/// ```
public enum ReportPrinter {
  /// The browser's names looked for on `PATH`, in this order.
  public static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]

  /// The Chromium or Chrome to print with: `RENSA_CHROMIUM` when set (a path or a name on
  /// `PATH`), else the first of ``candidates`` on `PATH`; nil when none is found.
  public static func chromium(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    func find(_ name: String) -> String? {
      if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
      return path.lazy.map { ($0 as NSString).appendingPathComponent(name) }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    if let chosen = environment["RENSA_CHROMIUM"], !chosen.isEmpty { return find(chosen) }
    return candidates.lazy.compactMap(find).first
  }

  /// How to get a browser to print with, for an error message.
  public static let installHint =
    "install Chromium (Debian: apt-get install chromium) or Chrome, or set RENSA_CHROMIUM to its path"

  /// The PDF of `html`, printed by `chromium` in a private temporary folder (its own
  /// profile; removed afterwards). A browser that fails, or runs longer than `timeout`
  /// seconds, is an error naming what it printed on stderr.
  public static func pdf(html: String, chromium: String, timeout: Double = 600) throws(PrintError) -> [UInt8] {
    var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("rensa-print.XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw PrintError(message: "cannot create a temporary folder to print in: \(String(cString: strerror(errno)))")
    }
    let folder = String(cString: made)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let page = (folder as NSString).appendingPathComponent("report.html")
    let output = (folder as NSString).appendingPathComponent("report.pdf")
    do {
      try html.write(toFile: page, atomically: false, encoding: .utf8)
    } catch {
      throw PrintError(message: "cannot write the page to print: \(error.localizedDescription)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    var arguments = [
      "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
      "--user-data-dir=\(folder)/profile", "--no-pdf-header-footer", "--print-to-pdf=\(output)",
    ]
    // Chromium refuses to run as root with its sandbox; the page has no script and no
    // network resource.
    if getuid() == 0 { arguments.append("--no-sandbox") }
    arguments.append(URL(fileURLWithPath: page).absoluteString)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw PrintError(message: "cannot start \(chromium): \(error.localizedDescription)")
    }
    // Read stderr while it runs (a full pipe would block the browser).
    let collected = UncheckedBox(Data())
    let reader = Thread { collected.value = errors.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      throw PrintError(message: "\(chromium) did not finish printing within \(Int(timeout)) s")
    }
    while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
    guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output), data.starts(with: Array("%PDF".utf8)) else {
      let said = String(decoding: collected.value, as: UTF8.self)
        .split(separator: "\n").filter { !$0.contains("dbus") && !$0.isEmpty }.suffix(3).joined(separator: " | ")
      throw PrintError(
        message: "\(chromium) could not print the report (exit \(process.terminationStatus))" + (said.isEmpty ? "" : ": \(said)"))
    }
    return Array(data)
  }
}

/// Why a report could not be printed to PDF.
public struct PrintError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var description: String { message }
  public init(message: String) { self.message = message }
}

/// A value a helper thread writes once, read after the thread has finished.
final class UncheckedBox<Value>: @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
}
