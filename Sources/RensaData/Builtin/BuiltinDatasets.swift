/// The datasets compiled into Rensa, usable with no files.
public enum BuiltinDatasets {
  /// The name under which the example network is listed.
  public static let exampleNetworkName = "example-network"
  /// The name of the plan's dataset.
  public static let nisc2009Name = "nisc-2009"

  /// A description of every built-in dataset: name and one-line summary.
  public static let catalogue: [(name: String, summary: String)] = [
    (
      nisc2009Name,
      "The 2009 action plan's 10 sectors, critical systems, services and verification levels, threat catalogue, sector- and asset-level dependencies and 3 failure scenarios (assumptions marked), with a SYNTHETIC 2021-2026 incident history"
    ),
    (
      exampleNetworkName,
      "Illustrative regional critical-infrastructure network (assumptions marked per edge), authored from the 2009 action plan"
    ),
    (
      cisaSectorMappingName,
      "Mapping table from CISA's 16 critical-infrastructure sectors to the plan's 10 (CSV; used by rensa import csaf)"
    ),
  ]

  /// Name of the built-in CISA → plan sector mapping table.
  public static let cisaSectorMappingName = "cisa-sector-mapping"

  /// The text of the `nisc-2009` dataset (the format of ``DatasetReader``).
  public static var nisc2009JSON: String { BuiltinData.nisc2009JSON + "\n" }

  /// The `nisc-2009` dataset, parsed and validated, with an explicitly **synthetic**
  /// incident history (and its synthetic operators) added by ``SyntheticIncidents``
  /// unless `syntheticIncidents` is `nil`.
  public static func nisc2009(syntheticIncidents: SyntheticIncidentParameters? = SyntheticIncidentParameters()) -> Dataset {
    var dataset: Dataset
    do {
      dataset = try DatasetReader.parse(nisc2009JSON, file: "built-in dataset nisc-2009")
    } catch {
      // The embedded text is tested; reaching this is a build defect.
      preconditionFailure("the built-in dataset nisc-2009 is invalid: \(error)")
    }
    if let parameters = syntheticIncidents {
      let history = SyntheticIncidents.generate(for: dataset, parameters: parameters)
      dataset.operators += history.operators
      dataset.incidents += history.incidents
    }
    return dataset
  }

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

/// The version of the Rensa package, printed by `rensa --version` and in every report's
/// provenance. (Not named `RensaVersion`: the symbol-graph extractor of this toolchain
/// drops a type named after its module plus "Version", so DocC could not link it.)
public enum RensaRelease {
  /// The version, e.g. `0.1.0`.
  public static let string = "0.1.0"
}
