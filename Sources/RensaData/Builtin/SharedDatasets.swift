import Foundation

extension BuiltinDatasets {
  /// A built-in dataset by its name in ``catalogue``: `nisc-2009` (with its synthetic
  /// incident history); `nil` for another name (`example-network` is a network:
  /// ``network(named:)``).
  public static func dataset(named name: String) -> Dataset? {
    name == nisc2009Name ? nisc2009() : nil
  }

  /// A built-in network by name: `example-network`, or the dependency network of
  /// `nisc-2009`; `nil` for another name.
  public static func network(named name: String) -> DependencyNetwork? {
    switch name {
    case exampleNetworkName: return exampleNetwork()
    case nisc2009Name: return nisc2009(syntheticIncidents: nil).dependencyNetwork
    default: return nil
    }
  }
}

/// The public datasets of the shared data folder (`../shared/datasets` beside a Rensa
/// checkout; `MANIFEST.md` there gives sources, licences and caveats), read by name with
/// the importers, so that a study names the data it uses instead of its file layout.
/// Nothing is copied: the files are read where they are.
///
/// ```swift
/// let shared = SharedDatasets(root: "../shared/datasets")
/// let (shelby, report) = try shared.shelbyCounty(options: .init(redundancy: .anyFeederInOwnNetwork))
/// let (attack, _) = try shared.attackICS()
/// ```
public struct SharedDatasets: Sendable, Hashable {
  /// The folder holding the datasets.
  public var root: String

  public init(root: String) { self.root = root }

  /// The folder named by `$RENSA_SHARED_DATASETS`, if set.
  public static var fromEnvironment: SharedDatasets? {
    ProcessInfo.processInfo.environment["RENSA_SHARED_DATASETS"].map(SharedDatasets.init(root:))
  }

  /// The ATT&CK for ICS versions of `mitre-attack-ics`.
  public static let attackICSVersions = ["8.0", "10.0", "12.0", "14.0", "16.0", "18.1"]

  func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

  /// Shelby County's interdependent networks (`shelby-county/Extended_Shelby_County`),
  /// with the earthquake scenarios of `INDP_7-20-2015` unless `scenarios` is false.
  ///
  /// - Throws: `DataError` (`unreadable` when the folder is absent).
  public func shelbyCounty(scenarios: Bool = true, options: ShelbyCountyImporter.Options = .init()) throws(DataError) -> (
    dataset: Dataset, report: ImportReport
  ) {
    try ShelbyCountyImporter.read(
      directory: path("shelby-county/Extended_Shelby_County"),
      failureProbabilities: scenarios ? path("shelby-county/INDP_7-20-2015/Failure probabilities") : nil, options: options)
  }

  /// CISA's Known Exploited Vulnerabilities catalogue (`cisa-kev`, the JSON form).
  public func knownExploitedVulnerabilities() throws(DataError) -> (entries: [KnownExploitedVulnerability], version: String?) {
    try KEVImporter.read(path: path("cisa-kev/known_exploited_vulnerabilities.json"))
  }

  /// MITRE ATT&CK for ICS (`mitre-attack-ics`), one of ``attackICSVersions``.
  ///
  /// - Throws: `DataError` for a version that is not there (naming those that are).
  public func attackICS(version: String = "18.1") throws(DataError) -> (AttackKnowledgeBase, ImportReport) {
    guard Self.attackICSVersions.contains(version) else {
      throw DataError([DataIssue(
        file: path("mitre-attack-ics"), field: "version", reason: "no ATT&CK for ICS version '\(version)'",
        hint: "one of \(Self.attackICSVersions.joined(separator: ", "))")])
    }
    return try STIXImporter.read(path: path("mitre-attack-ics/ics-attack-\(version).json"))
  }

  /// MITRE ATT&CK Enterprise (`mitre-attack-enterprise`, 18.1, decompressed as it is read).
  public func attackEnterprise() throws(DataError) -> (AttackKnowledgeBase, ImportReport) {
    try STIXImporter.read(path: path("mitre-attack-enterprise/enterprise-attack-18.1.reassembled.json.xz"))
  }

  /// CISA's ICS advisories in CSAF (`cisa-ics-advisories`, the archive unpacked privately).
  public func icsAdvisories(mapping: CISASectorMapping = .standard) throws(DataError) -> ([SecurityAdvisory], ImportReport) {
    try CSAFImporter.read(path: path("cisa-ics-advisories/raw_csaf_json.tar.xz"), mapping: mapping)
  }
}
