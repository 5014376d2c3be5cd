import Foundation
import Testing
import _RensaTestSupport

/// The catalogue of bad inputs (`Tests/RensaCLITests/BadInput/catalogue.json`): each
/// malformed file, run through the CLI as a user would, must give exactly the recorded
/// error (message with file, line and field; exit status), print nothing on standard
/// output, and leave no store or report behind. `record.py` in that folder records the
/// answers for review when a message is changed on purpose.
@Suite struct BadInputTests {
  struct Case: Sendable, Decodable, CustomTestStringConvertible {
    var name: String
    var run: [String]
    var env: [String: String]?
    var exit: Int32
    var stderr: String
    var testDescription: String { name }
  }

  struct Catalogue: Decodable {
    var cases: [Case]
  }

  static let folder = TestPaths.repository.appendingPathComponent("Tests/RensaCLITests/BadInput")

  static let cases: [Case] = {
    guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("catalogue.json").path),
      let catalogue = try? JSONDecoder().decode(Catalogue.self, from: data)
    else { return [] }
    return catalogue.cases
  }()

  @Test func theCatalogueHoldsAtLeastSixtyCasesAndUsesEveryFile() throws {
    #expect(Self.cases.count >= 60)
    #expect(Set(Self.cases.map(\.name)).count == Self.cases.count, "case names are unique")
    // Every input file of the folder is the subject of some case (a folder counts through its files).
    let arguments = Self.cases.flatMap(\.run).joined(separator: "\n")
    let enumerator = try #require(FileManager.default.enumerator(atPath: Self.folder.path))
    var orphans: [String] = []
    for case let path as String in enumerator {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
      guard !isDirectory.boolValue, !["catalogue.json", "record.py"].contains(path) else { continue }
      // A case names the file itself, its folder, or a dataset document beside it.
      let folder = (path as NSString).deletingLastPathComponent
      if !arguments.contains(path) && !(folder.isEmpty ? false : arguments.contains(folder)) { orphans.append(path) }
    }
    #expect(orphans.isEmpty, "files no case uses: \(orphans)")
  }

  @Test(arguments: cases)
  func givesExactlyTheRecordedError(_ c: Case) throws {
    let executable = try #require(TestPaths.rensaExecutable, "the rensa executable was not built beside the tests")
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-bad-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let placeholders = ["{store}": scratch.appendingPathComponent("store.sqlite").path, "{out}": scratch.appendingPathComponent("out").path]
    let process = Process()
    process.executableURL = executable
    process.arguments = c.run.map { placeholders[$0] ?? $0 }
    process.currentDirectoryURL = Self.folder
    process.environment = ProcessInfo.processInfo.environment.merging(c.env ?? [:]) { $1 }
    // Files, not pipes: a long message can never block the child.
    let out = scratch.appendingPathComponent("stdout")
    let err = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    var stderr = try String(contentsOf: err, encoding: .utf8)
    for (placeholder, path) in placeholders { stderr = stderr.replacingOccurrences(of: path, with: placeholder) }
    #expect(process.terminationStatus == c.exit)
    #expect(stderr == c.stderr)
    #expect(try String(contentsOf: out, encoding: .utf8).isEmpty, "nothing on standard output")
    for (placeholder, path) in placeholders where c.run.contains(placeholder) {
      #expect(!FileManager.default.fileExists(atPath: path), "\(placeholder) was created: the input was not all or nothing")
    }
  }
}
