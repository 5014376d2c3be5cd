import Foundation
import Rensa

/// `--common-cause KIND:VALUE` as `rensa cascade` and `rensa inoperability` read it: the
/// cause parsed, the KEV catalogue and CSAF advisories read when given, and the scenario
/// made; a cause that cannot be read or takes out nothing is a usage error naming what
/// the dataset has.
enum CommonCauseOption {
  static func scenario(
    _ spec: String, in dataset: Dataset, named name: String, startHours: Double = 0, durationHours: Double?,
    kev: String?, csaf: String? = nil
  ) throws -> (cause: CommonCause, scenario: Scenario) {
    let cause: CommonCause
    switch CommonCause.parse(spec) {
    case .success(let c): cause = c
    case .failure(let e):
      throw UsageError(
        message: "cannot read --common-cause \(e.description)",
        hint: "e.g. product:fortinet/fortios, product:cpe:2.3:o:fortinet:fortios:7.0.1:*:*:*:*:*:*:*, vendor:siemens, site:tokyo-dc1, hazard:flood:arakawa-l2, cve:CVE-2023-27997")
    }
    let catalogue = try kev.map { try KEVImporter.read(path: $0).entries } ?? []
    if csaf != nil { Interruption.install() }
    let advisories = try csaf.map { try CSAFImporter.read(path: $0).0 } ?? []
    let made = Result { () throws(DataError) -> Scenario in
      try cause.scenario(
        in: dataset, startHours: startHours, durationHours: durationHours, knownExploited: catalogue, advisories: advisories)
    }
    switch made {
    case .success(let scenario): return (cause, scenario)
    case .failure(let error):
      // Not a problem of the dataset: the cause names nothing in it.
      guard error.issues.count == 1, error.issues[0].field == "--common-cause" else { throw error }
      throw UsageError(message: error.issues[0].reason + " in \(name)", hint: error.issues[0].hint)
    }
  }
}
