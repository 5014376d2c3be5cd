import Rensa

/// An ATT&CK Navigator layer (layer format 4.5) of the techniques the year's incidents
/// name, as the report publishes them (`rensa report --format navigator`): one layer per
/// ATT&CK domain present (ICS techniques `T0…`, otherwise Enterprise), and one of the
/// change against last year.
///
/// A technique's **score** is the number of sectors the report names as reached by it
/// (k or more operators there, below AMBER); its comment and metadata give the incidents
/// naming it. Only techniques whose count the report publishes are in a layer, so a
/// layer tells nothing the report does not. The change layer scores this year's sectors
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
}

extension AnnualReport {
  /// A technique as a year publishes it: incidents, and the sectors named.
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
    let now = publishedTechniques(c, year: c.year)
    let before = publishedTechniques(c, year: c.year - 1)
    let hasLastYear = c.disclosure.hasData(c.year - 1)
    func domain(_ id: String) -> String { id.hasPrefix("T0") ? "ics-attack" : "enterprise-attack" }
    var layers: [NavigatorLayer] = []
    let shown = now.filter { if case .count(let n) = $0.value.incidents { return n > 0 } else { return false } }
    for d in Set(shown.keys.map(domain)).sorted() {
      let ids = shown.keys.filter { domain($0) == d }.sorted()
      let short = d == "ics-attack" ? "ics" : "enterprise"
      func layer(change: Bool) -> NavigatorLayer {
        var techniques: [JSONValue] = []
        var scores: [(technique: String, score: Int?)] = []
        var extreme = 1
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
          if let score { extreme = max(extreme, abs(score)) }
          scores.append((id, score))
          var entry: [(String, JSONValue)] = [("techniqueID", .string(id))]
          if let score { entry.append(("score", .int(score))) }
          entry += [
            ("color", .string("")), ("comment", .string(comment)), ("enabled", .bool(true)),
            ("metadata", .array([
              .object([("name", .string("incidents")), ("value", .string(incidents))]),
              .object([("name", .string("sectors")), ("value", .string(t.list(p.sectors.map(c.name(ofSector:)))))]),
            ])),
            ("links", .array([])), ("showSubtechniques", .bool(false)),
          ]
          techniques.append(.object(entry))
        }
        let name = "[\("TLP:\(c.options.audience.rawValue)")] " + (change ? t.navigatorChangeName(year: c.year) : t.navigatorName(year: c.year))
        let gradient: JSONValue =
          change
          ? .object([("colors", .array(["#4a7fc1", "#ffffff", "#d9534f"].map { .string($0) })), ("minValue", .int(-extreme)), ("maxValue", .int(extreme))])
          : .object([("colors", .array(["#ffffff", "#d9534f"].map { .string($0) })), ("minValue", .int(0)), ("maxValue", .int(extreme))])
        let layer: JSONValue = .object([
          ("name", .string(name)),
          ("versions", .object([
            ("attack", .string(NavigatorLayer.versions.attack)), ("navigator", .string(NavigatorLayer.versions.navigator)),
            ("layer", .string(NavigatorLayer.versions.layer)),
          ])),
          ("domain", .string(d)),
          ("description", .string(t.navigatorDescription(year: c.year, change: change, marking: "TLP:\(c.options.audience.rawValue)", k: c.view.suppresses ? c.view.minimumReporters : nil))),
          ("sorting", .int(3)),
          ("layout", .object([
            ("layout", .string("side")), ("aggregateFunction", .string("average")), ("showID", .bool(true)), ("showName", .bool(true)),
            ("showAggregateScores", .bool(false)), ("countUnscored", .bool(false)), ("expandedSubtechniques", .string("none")),
          ])),
          ("hideDisabled", .bool(false)),
          ("techniques", .array(techniques)),
          ("gradient", gradient),
          ("legendItems", .array([])),
          ("metadata", .array([
            .object([("name", .string("marking")), ("value", .string("TLP:\(c.options.audience.rawValue)"))]),
            .object([("name", .string("report")), ("value", .string(stem))]),
            .object([("name", .string("generator")), ("value", .string("Rensa \(c.options.rensaVersion)"))]),
          ])),
          ("links", .array([])),
          ("showTacticRowBackground", .bool(false)), ("tacticRowBackground", .string("#dddddd")),
          ("selectTechniquesAcrossTactics", .bool(true)), ("selectSubtechniquesWithParent", .bool(false)),
          ("selectVisibleTechniques", .bool(false)),
        ])
        return NavigatorLayer(
          domain: d, isChange: change, fileName: "\(stem).navigator\(change ? "-change" : "").\(short).json",
          text: layer.serialized(pretty: true) + "\n", scores: scores)
      }
      layers.append(layer(change: false))
      layers.append(layer(change: true))
    }
    return layers
  }
}
