/// Turns a plain dependency network (an edge list or a GraphML file) into a dataset, so
/// that the dataset-level analyses and the report can use it.
///
/// Every node becomes an asset of one sector (`sector`, by default `imported`), every
/// edge a dependency of kind `other` and class `logical` with its requirement group and
/// `need`, and the source `<file> line N`. Times, probabilities and couplings take the
/// format's defaults (immediate, certain, uncoupled); edit the output to set them.
public enum NetworkImporter {
  /// The dataset for `network`.
  ///
  /// - Throws: ``DataError`` when a node id equals the sector id (they share one namespace).
  public static func dataset(
    from network: DependencyNetwork, name: String, sector: Sector = Sector(id: "imported", name: "Imported network")
  ) throws(DataError) -> (dataset: Dataset, report: ImportReport) {
    if network.index(of: sector.id) != nil {
      throw DataError([
        DataIssue(
          file: network.source, reason: "a node is called '\(sector.id)', like the sector the nodes are put in",
          hint: "choose another sector id")
      ])
    }
    let assets = network.nodeIDs.map { Asset(id: $0, name: $0, sector: sector.id) }
    let dependencies = network.dependencies.map { d in
      Dependency(
        supplier: network.nodeIDs[d.supplier], dependent: network.nodeIDs[d.dependent], kind: .other, class: .logical,
        group: d.group, need: d.need, source: d.line > 0 ? "\(network.source) line \(d.line)" : network.source)
    }
    let dataset = Dataset(
      name: name, description: "Dependency network imported from \(network.source)", version: "1",
      provenance: "Imported by Rensa from \(network.source). Kinds, classes, times and probabilities are defaults, not data.",
      sectors: [sector], assets: assets, dependencies: dependencies)
    let report = ImportReport(
      skipped: network.notes, imported: ["sectors": 1, "assets": assets.count, "dependencies": dependencies.count])
    return (dataset, report)
  }
}
