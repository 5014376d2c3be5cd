extension DependencyNetwork {
  /// A network from `(supplier, dependent)` id pairs: every dependency required, no
  /// timing. The rules are the edge-list reader's: ids in order of first appearance,
  /// parallel duplicates merged (with a note), self-dependencies kept (with a note).
  ///
  /// ```swift
  /// let network = try DependencyNetwork(edges: [("grid", "hospital"), ("grid", "water"), ("water", "hospital")])
  /// let closure = try ClosureAnalysis(network)
  /// ```
  ///
  /// - Parameters:
  ///   - edges: pairs `(supplier, dependent)`; edge `k` is "line" k + 1 in messages.
  ///   - source: names the edges in messages.
  /// - Throws: ``DataError`` listing every empty id and every id with a control character.
  /// - Complexity: O(m) expected for m edges.
  public init(edges: some Sequence<(String, String)>, source: String = "edges") throws(DataError) {
    var assembler = EdgeAssembler(file: source, declared: nil, declaredIn: nil)
    for (k, edge) in edges.enumerated() {
      assembler.add(supplier: edge.0, dependent: edge.1, group: nil, need: nil, line: k + 1)
    }
    self = try assembler.finish()
  }

  /// The dependencies as `(supplier, dependent)` id pairs, in the order of
  /// ``dependencies`` (groups and timing left out).
  public var edges: [(supplier: String, dependent: String)] {
    dependencies.map { (nodeIDs[$0.supplier], nodeIDs[$0.dependent]) }
  }
}
