import Foundation
import Testing
import RensaData
import _RensaTestSupport

/// Docs/rensa-dataset.schema.json must accept what Rensa writes and reject what it rejects
/// for shape reasons. Checked with Python's `jsonschema` (skipped when unavailable).
@Suite(.enabled(if: Python.hasJSONSchema, "skipped: python3 with the jsonschema package is not available"))
struct DatasetSchemaTests {
  /// Validates every file in `directory` against the schema; returns the names that fail.
  func failing(in directory: URL) throws -> [String] {
    let script = """
      import json, sys, os, jsonschema
      schema = json.load(open(sys.argv[1]))
      v = jsonschema.Draft202012Validator(schema)
      for name in sorted(os.listdir(sys.argv[2])):
          doc = json.load(open(os.path.join(sys.argv[2], name)))
          if list(v.iter_errors(doc)): print(name)
      """
    let (status, out) = try Python.run([
      "-c", script, TestPaths.repository.appendingPathComponent("Docs/rensa-dataset.schema.json").path, directory.path,
    ])
    #expect(status == 0)
    return out.split(separator: "\n").map(String.init)
  }

  @Test func schemaAcceptsWrittenDatasetsAndRejectsBadShapes() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try BuiltinDatasets.nisc2009JSON.write(to: directory.appendingPathComponent("nisc-2009.json"), atomically: true, encoding: .utf8)
    for seed in 0..<50 {
      let text = DatasetWriter.json(DatasetGenerators.random(seed: UInt64(seed)))
      try text.write(to: directory.appendingPathComponent("random-\(seed).json"), atomically: true, encoding: .utf8)
    }
    let bad = #"{"name": "b", "description": "d", "sectors": [{"id": "s", "name": "S", "colour": 1}]}"#
    try bad.write(to: directory.appendingPathComponent("zz-bad.json"), atomically: true, encoding: .utf8)
    #expect(throws: DataError.self) { try DatasetReader.parse(bad, file: "bad") }
    #expect(try failing(in: directory) == ["zz-bad.json"])
  }
}
