import Rensa

/// An ATT&CK Navigator layer (layer format 4.5) of the techniques the year's incidents
/// name, as the report publishes them (`rensa report --format navigator`, TLP:AMBER and
/// above; below it the techniques are not published and there is no layer): one layer
/// per ATT&CK domain present (ICS techniques `T0…`, otherwise Enterprise), and one of the
/// change against last year.
///
/// A technique's **score** is the number of sectors it reached; its comment and metadata
/// give the incidents naming it. A layer tells nothing the report does not. The change layer scores this year's sectors
/// minus last year's; a technique whose count last year was withheld has no score there,
/// only a comment. Layers carry no marking field: the marking is in the name, the
/// description and the metadata.
public struct NavigatorLayer: Sendable, Hashable {
  /// `enterprise-attack` or `ics-attack`.
  public var domain: String
  /// Whether it is the change against last year.
  public var isChange: Bool
  /// The file's name beside the report: `<stem>.navigator.enterprise.json`,
  /// `<stem>.navigator-change.enterprise.json`.
  public var fileName: String
  /// The layer (JSON).
  public var text: String
  /// Technique id → score (nil: none, see the comment), in the layer's order.
  public var scores: [(technique: String, score: Int?)]

  public static func == (a: NavigatorLayer, b: NavigatorLayer) -> Bool { a.text == b.text }
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }

  /// The ATT&CK and Navigator versions the layers name.
  public static let versions = (attack: "18", navigator: "5.1.0", layer: "4.5")

  /// One technique of a layer: its score (nil: none), comment and metadata.
  public struct Technique: Sendable, Hashable {
    public var id: String
    public var score: Int?
    public var comment: String
    public var metadata: [String: String]
    public init(id: String, score: Int?, comment: String, metadata: [String: String] = [:]) {
      self.id = id
      self.score = score
      self.comment = comment
      self.metadata = metadata
    }
  }

  /// A layer in format 4.5 (the Navigator's layer file), from its parts: `diverging`
  /// colours scores below 0 blue and above red (a change layer), otherwise white to red.
  ///
  /// - Parameters:
  ///   - name: the layer's name (its marking, if any, first).
  ///   - domain: `enterprise-attack`, `ics-attack` or `mobile-attack`.
  ///   - description: what the scores mean, and where they come from.
  ///   - techniques: the techniques, in order.
  ///   - metadata: name–value pairs of the layer (the marking, the source).
  ///   - fileName: the file's name.
  ///   - diverging: whether scores can be negative (a change).
  public static func make(
    name: String, domain: String, description: String, techniques: [Technique], metadata: [(String, String)], fileName: String,
    diverging: Bool = false
  ) -> NavigatorLayer {
    let extreme = max(1, techniques.compactMap { $0.score.map(abs) }.max() ?? 1)
    let entries: [JSONValue] = techniques.map { t in
      var entry: [(String, JSONValue)] = [("techniqueID", .string(t.id))]
      if let score = t.score { entry.append(("score", .int(score))) }
      entry += [
        ("color", .string("")), ("comment", .string(t.comment)), ("enabled", .bool(true)),
        ("metadata", .array(t.metadata.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty }.map { .object([("name", .string($0.key)), ("value", .string($0.value))]) })),
        ("links", .array([])), ("showSubtechniques", .bool(false)),
      ]
      return .object(entry)
    }
    let gradient: JSONValue =
      diverging
      ? .object([("colors", .array(["#4a7fc1", "#ffffff", "#d9534f"].map { .string($0) })), ("minValue", .int(-extreme)), ("maxValue", .int(extreme))])
      : .object([("colors", .array(["#ffffff", "#d9534f"].map { .string($0) })), ("minValue", .int(0)), ("maxValue", .int(extreme))])
    let layer: JSONValue = .object([
      ("name", .string(name)),
      ("versions", .object([("attack", .string(versions.attack)), ("navigator", .string(versions.navigator)), ("layer", .string(versions.layer))])),
      ("domain", .string(domain)), ("description", .string(description)), ("sorting", .int(3)),
      ("layout", .object([
        ("layout", .string("side")), ("aggregateFunction", .string("average")), ("showID", .bool(true)), ("showName", .bool(true)),
        ("showAggregateScores", .bool(false)), ("countUnscored", .bool(false)), ("expandedSubtechniques", .string("none")),
      ])),
      ("hideDisabled", .bool(false)), ("techniques", .array(entries)), ("gradient", gradient), ("legendItems", .array([])),
      ("metadata", .array(metadata.map { .object([("name", .string($0.0)), ("value", .string($0.1))]) })), ("links", .array([])),
      ("showTacticRowBackground", .bool(false)), ("tacticRowBackground", .string("#dddddd")),
      ("selectTechniquesAcrossTactics", .bool(true)), ("selectSubtechniquesWithParent", .bool(false)), ("selectVisibleTechniques", .bool(false)),
    ])
    return NavigatorLayer(
      domain: domain, isChange: diverging, fileName: fileName, text: layer.serialized(pretty: true) + "\n",
      scores: techniques.map { ($0.id, $0.score) })
  }

  /// The ATT&CK domain of a technique id: ICS (`T0…`) or Enterprise.
  public static func domain(of technique: String) -> String { technique.hasPrefix("T0") ? "ics-attack" : "enterprise-attack" }
}

extension AnnualReport {
  /// A technique as a year publishes it: incidents, and the sectors it reached.
  struct PublishedTechnique {
    var incidents: ReportValue
    var sectors: [String]
  }

  static func publishedTechniques(_ c: Context, year: Int) -> [String: PublishedTechnique] {
    guard let block = c.disclosure.years[year] else { return [:] }
    var out: [String: PublishedTechnique] = [:]
    for m in block.measures {
      guard case .carrying(let id, nil) = m, id.kind == .technique else { continue }
      let sectors = c.dataset.sectors.map(\.id).filter { s in
        if case .count(let n) = c.count(year, .carrying(id, sector: s)), n > 0 { return true }
        return false
      }
      out[id.value] = PublishedTechnique(incidents: c.count(year, m), sectors: sectors)
    }
    return out
  }

  /// The Navigator layers of the year (see ``NavigatorLayer``).
  static func navigatorLayers(_ c: Context, stem: String) -> [NavigatorLayer] {
    let t = c.text
    // Below AMBER the techniques are not published: no layer.
    guard !c.view.suppresses else { return [] }
    let now = publishedTechniques(c, year: c.year)
    let before = publishedTechniques(c, year: c.year - 1)
    let hasLastYear = c.disclosure.hasData(c.year - 1)
    func domain(_ id: String) -> String { NavigatorLayer.domain(of: id) }
    var layers: [NavigatorLayer] = []
    let shown = now.filter { if case .count(let n) = $0.value.incidents { return n > 0 } else { return false } }
    for d in Set(shown.keys.map(domain)).sorted() {
      let ids = shown.keys.filter { domain($0) == d }.sorted()
      let short = d == "ics-attack" ? "ics" : "enterprise"
      func layer(change: Bool) -> NavigatorLayer {
        var techniques: [NavigatorLayer.Technique] = []
        for id in ids {
          let p = shown[id]!
          let incidents = p.incidents.display
          var score: Int? = p.sectors.count
          var comment = t.navigatorComment(incidents: incidents, sectors: p.sectors.map(c.name(ofSector:)))
          if change {
            if let last = before[id] {
              if case .count = last.incidents {
                score = p.sectors.count - last.sectors.count
                comment += " " + t.navigatorChange(lastSectors: last.sectors.count, lastIncidents: last.incidents.display)
              } else {
                score = nil
                comment += " " + t.navigatorLastWithheld
              }
            } else {
              comment += " " + (hasLastYear ? t.navigatorChange(lastSectors: 0, lastIncidents: "0") : t.navigatorNoLastYear)
              if !hasLastYear { score = nil }
            }
          }
          techniques.append(.init(
            id: id, score: score, comment: comment, metadata: ["incidents": incidents, "sectors": t.list(p.sectors.map(c.name(ofSector:)))]))
        }
        let marking = "TLP:\(c.options.audience.rawValue)"
        return NavigatorLayer.make(
          name: "[\(marking)] " + (change ? t.navigatorChangeName(year: c.year) : t.navigatorName(year: c.year)), domain: d,
          description: t.navigatorDescription(year: c.year, change: change, marking: marking, k: c.view.suppresses ? c.view.minimumReporters : nil),
          techniques: techniques,
          metadata: [("marking", marking), ("report", stem), ("generator", "Rensa \(c.options.rensaVersion)")],
          fileName: "\(stem).navigator\(change ? "-change" : "").\(short).json", diverging: change)
      }
      layers.append(layer(change: false))
      layers.append(layer(change: true))
    }
    return layers
  }
}
