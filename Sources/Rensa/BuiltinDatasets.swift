/// The datasets compiled into Rensa, usable with no files.
public enum BuiltinDatasets {
  /// The name under which the example network is listed.
  public static let exampleNetworkName = "example-network"

  /// A description of every built-in dataset: name and one-line summary.
  public static let catalogue: [(name: String, summary: String)] = [
    (
      exampleNetworkName,
      "Illustrative regional critical-infrastructure network (assumptions marked per edge), authored from the 2009 action plan"
    )
  ]

  /// The text of the example network (CSV, the format of ``EdgeListReader``).
  public static var exampleNetworkCSV: String { BuiltinData.exampleNetworkCSV + "\n" }

  /// The example network, parsed.
  public static func exampleNetwork() -> DependencyNetwork {
    do {
      return try EdgeListReader.parse(exampleNetworkCSV, file: "built-in example network")
    } catch {
      // The embedded text is tested; reaching this is a build defect.
      preconditionFailure("the built-in example network is invalid: \(error)")
    }
  }
}
