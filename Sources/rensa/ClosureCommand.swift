import ArgumentParser
import Foundation
import Rensa
import RensaGraph
import InternalRensaUtilities

struct ClosureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "closure",
    abstract: "Static dependency closure: who depends on whom, loops, depth, criticality.",
    discussion: """
      EDGES is a CSV (or .tsv) file with a header row whose first columns are
      `supplier,dependent`; optional `group` and `need` columns describe redundancy
      (rows of one dependent with the same group are alternatives). A .graphml (or
      .xml) file is read as GraphML, e.g. from networkx or igraph: edges go from source
      to target, undirected edges both ways, edge data `group` and `need` as above.
      Without EDGES the built-in example network is analysed.

      Examples:
        rensa closure                                  # built-in example network
        rensa closure edges.csv --json
        rensa closure network.graphml                  # written by networkx.write_graphml
        rensa closure edges.csv --from grid            # everything that depends on grid
        rensa closure edges.csv --to hospital          # everything hospital depends on
        rensa closure edges.csv --from grid --to hospital
        rensa closure edges.csv --single-points-of-failure
        rensa closure edges.csv --pairs                # N-2: pairs that fail what no single node does
        rensa closure edges.csv --k 3 --json           # N-3: up to three nodes
        rensa closure --dataset nisc-2009              # the plan's sector-level dependencies
        rensa closure --dataset shelby.json            # e.g. from `rensa import shelby-county`
      """)

  @Argument(help: "Edge list (CSV, or TSV by extension) or GraphML (.graphml). Default: the built-in example network.")
  var edges: String?

  @Option(
    name: .long,
    help: "Analyse the dependencies of a dataset document instead: a file, or a built-in dataset name (nisc-2009).")
  var dataset: String?

  @Option(name: .long, help: "Node table (CSV/TSV, first column `id`) declaring every node.")
  var nodes: String?

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  @Option(name: .long, help: "Single-source query: the nodes that depend on ID (downstream).")
  var from: String?

  @Option(name: .long, help: "Single-source query: the nodes ID depends on (upstream).")
  var to: String?

  @Flag(name: .long, help: "List, for each node, the nodes whose failure alone brings it down (honours groups).")
  var singlePointsOfFailure = false

  @Flag(name: .long, help: "N-2: for each node, the pairs of other nodes whose joint failure brings it down although neither does alone (honours groups and k-of-n).")
  var pairs = false

  @Option(name: .customLong("k"), help: ArgumentHelp("N-k: minimal failure sets of up to K nodes (1, 2 or 3); implies --pairs for K ≥ 2.", valueName: "K"))
  var k: Int?

  @Option(name: .long, help: "With --pairs/--k and --json: the sets listed per node and size (0: counts only).")
  var setsPerNode: Int = 10

  @Flag(name: .long, help: "Audit redundancy: the shared products, vendors, sites, hazard zones and upstream nodes that defeat a group of alternatives.")
  var commonModes = false

  @Option(help: ArgumentHelp("With --common-modes: CISA's KEV catalogue (.json or .csv): the CVEs it lists become shared weaknesses.", valueName: "file"))
  var kev: String?

  @Option(help: ArgumentHelp("With --common-modes: CSAF advisories (a folder or .tar.xz): CVEs by product status and version.", valueName: "path"))
  var csaf: String?

  @Option(name: .long, help: "Rows in the ranking table (0 = all).")
  var top: Int = 25

  @Option(name: .long, help: "Largest all-pairs structure to allocate, e.g. 512M or 4G. Default: half of memory.")
  var memoryLimit: ByteSize?

  @Option(name: .long, help: "Threads for the kernels (default: all processors). Results do not depend on it.")
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if top < 0 { throw ValidationError("--top must be 0 (all) or more") }
    // N-k: every problem at once.
    var problems: [String] = []
    if let k, !(1...3).contains(k) {
      problems.append("--k must be 1, 2 or 3 (got \(k)): sets of up to three nodes are analysed exactly")
    }
    if setsPerNode < 0 { problems.append("--sets-per-node must be 0 (counts only) or more (got \(setsPerNode))") }
    if pairs || k != nil {
      let others = [(commonModes, "--common-modes"), (from != nil, "--from"), (to != nil, "--to"), (singlePointsOfFailure, "--single-points-of-failure")]
      for (given, flag) in others where given {
        problems.append("\(flag) and \(pairs ? "--pairs" : "--k") are separate analyses: give one of them")
      }
    }
    if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
    for (given, flag) in [(kev != nil, "--kev"), (csaf != nil, "--csaf")] where given {
      if !commonModes { throw ValidationError("\(flag) applies to --common-modes") }
      if dataset == nil { throw ValidationError("\(flag) applies to a dataset (--dataset), whose assets name their products") }
    }
  }

  func run() throws {
    do {
      if edges == nil && nodes != nil {
        throw UsageError(message: "--nodes needs an EDGES file", hint: "rensa closure EDGES.csv --nodes NODES.csv")
      }
      if edges != nil && dataset != nil {
        throw UsageError(message: "give either an EDGES file or --dataset, not both", hint: nil)
      }
      let network: DependencyNetwork
      var document: Dataset? = nil
      if let dataset {
        let read =
          dataset == BuiltinDatasets.nisc2009Name
          ? BuiltinDatasets.nisc2009(syntheticIncidents: nil) : try DatasetReader.read(path: dataset)
        document = read
        network = read.dependencyNetwork
        guard !network.dependencies.isEmpty else {
          throw UsageError(message: "dataset '\(read.name)' has no dependencies to analyse", hint: nil)
        }
      } else {
        if let edges, GraphMLReader.isGraphML(path: edges) {
          if nodes != nil {
            throw UsageError(message: "--nodes applies to edge lists; a GraphML file declares its own nodes", hint: nil)
          }
          network = try GraphMLReader.read(path: edges)
        } else {
          network = try edges.map { try EdgeListReader.read(path: $0, nodesPath: nodes) } ?? BuiltinDatasets.exampleNetwork()
        }
      }
      for note in network.notes where !json { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
      let options = ClosureOptions(memoryLimit: memoryLimit?.bytes ?? MemoryBudget.defaultLimit, threadCount: threads)
      if commonModes {
        let audit =
          try document.map { d in
            let catalogue = try kev.map { try KEVImporter.read(path: $0).entries } ?? []
            if csaf != nil { Interruption.install() }
            let advisories = try csaf.map { try CSAFImporter.read(path: $0).0 } ?? []
            return CommonModes(dataset: d, knownExploited: catalogue, advisories: advisories, threadCount: threads)
          }
          ?? CommonModes(network: network, carriers: [:], threadCount: threads)
        printCommonModes(audit, network: network, attributes: document != nil)
      } else if pairs || k != nil {
        try printFailureSets(network, sectorOf: document?.sectorOfNode, options: options)
      } else if from != nil || to != nil {
        try singleSource(network)
      } else if singlePointsOfFailure {
        try printSinglePointsOfFailure(network, options: options)
      } else {
        try printClosure(network, options: options)
      }
    } catch {
      RensaCLI.fail(error)
    }
  }

  /// `--common-modes`: the hidden common modes, as a table or JSON. Each cause is listed
  /// once; the nodes it fails are listed for the causes of the findings shown (`--top`;
  /// 0: all), the others give their count (a national model's causes can each fail much
  /// of it).
  func printCommonModes(_ audit: CommonModes, network: DependencyNetwork, attributes: Bool) {
    let kinds = CommonModes.Shared.Kind.allCases
    let shown = top == 0 ? audit.findings : Array(audit.findings.prefix(top))
    if json {
      let listed = Set(shown.map(\.cause))
      var causes: [JSONValue] = []
      for (k, c) in audit.causes.enumerated() {
        var fields: [(String, JSONValue)] = [
          ("kind", .string(c.shared.kind.rawValue)), ("value", .string(c.shared.value)),
          ("carriers", .array(c.carriers.map { .string($0) })), ("failed_count", .int(c.failedCount)),
        ]
        fields.append(("failed", listed.contains(k) ? .array(audit.failedNodes(k).map { .string($0) }) : .null))
        causes.append(.object(fields))
      }
      var findings: [JSONValue] = []
      for f in audit.findings {
        let group: JSONValue = f.group.map { .string($0) } ?? .null
        findings.append(.object([
          ("dependent", .string(f.dependent)), ("group", group),
          ("alternatives", .array(f.alternatives.map { .string($0) })), ("needed", .int(f.needed)),
          ("cause", .int(f.cause)), ("failed_alternatives", .array(f.failedAlternatives.map { .string($0) })),
          ("failed_count", .int(f.failedCount)),
        ]))
      }
      var upstream: [JSONValue] = []
      for u in audit.upstream {
        let group: JSONValue = u.group.map { .string($0) } ?? .null
        let nearest: [JSONValue] = zip(u.nearest, u.nearestFailedCounts).map { .object([("node", .string($0)), ("failed_count", .int($1))]) }
        upstream.append(.object([
          ("dependent", .string(u.dependent)), ("group", group), ("alternatives", .array(u.alternatives.map { .string($0) })),
          ("needed", .int(u.needed)), ("count", .int(u.count)), ("nearest", .array(nearest)),
        ]))
      }
      let ranking: [JSONValue] = audit.upstreamRanking.map { .object([("node", .string($0.node)), ("groups", .int($0.groups))]) }
      let tried: [(String, JSONValue)] = kinds.map { ($0.rawValue, .int(audit.causesTried[$0] ?? 0)) }
      print(JSONValue.object([
        ("source", .string(network.source)), ("redundant_groups", .int(audit.redundantGroups)),
        ("causes_tried", .object(tried)), ("causes", .array(causes)), ("findings", .array(findings)),
        ("omitted_findings", .int(audit.omittedFindings)),
        ("upstream", .array(upstream)), ("upstream_ranking", .array(ranking)),
      ]).serialized(pretty: true))
      return
    }
    let tried = kinds.map { "\(audit.causesTried[$0] ?? 0) \($0 == .hazard ? "hazard zones" : $0 == .upstream ? "upstream nodes" : $0 == .cve ? "CVEs" : $0.rawValue + "s")" }
    print("Redundancy audit of \(network.source): \(audit.redundantGroups) groups of alternatives with one to spare; causes tried: \(tried.joined(separator: ", "))")
    if !attributes {
      print("note: an edge list has no products, vendors or sites: only single upstream nodes are tried (give --dataset for the rest)")
    }
    if audit.redundantGroups == 0 {
      print("No group of alternatives (k of n with k < n) to audit.")
      return
    }
    func needs(_ needed: Int, _ alternatives: [String], _ group: String?) -> String {
      "\(needed) of \(alternatives.joined(separator: ", "))\(group.map { " (\($0))" } ?? "")"
    }
    if !attributes {
      // An edge list has no attributes: only the upstream section.
    } else if audit.findings.isEmpty {
      print("")
      print("Shared products, vendors, CVEs, sites and hazard zones: none takes down more alternatives than a group can spare.")
    } else {
      print("")
      print("Shared products, vendors, CVEs, sites and hazard zones that defeat a group: \(audit.findings.count)")
      var rows = [["dependent", "needs", "shared", "alternatives lost", "nodes failing"]]
      for f in shown {
        rows.append([f.dependent, needs(f.needed, f.alternatives, f.group), f.shared.description, f.failedAlternatives.joined(separator: ", "), String(f.failedCount)])
      }
      print(TextTable.render(rows, rightAligned: [4]))
      if shown.count < audit.findings.count { print("(\(audit.findings.count - shown.count) more: --top 0 lists all, --json gives the nodes each cause fails)") }
      if audit.omittedFindings > 0 {
        print("(a further \(audit.omittedFindings) pairs of a group and a shared attribute are not listed: \(CommonModes.findingsPerGroup) per group are kept, those failing fewest nodes)")
      }
    }
    guard audit.causesTried[.upstream] ?? 0 > 0 else { return }
    print("")
    if audit.upstream.isEmpty {
      print("Single upstream nodes: none takes down more alternatives than a group can spare.")
      return
    }
    print("Groups a single upstream node defeats: \(audit.upstream.count)")
    let upstreamShown = top == 0 ? audit.upstream : Array(audit.upstream.prefix(top))
    var rows = [["dependent", "needs", "single nodes that defeat it", "nearest (nodes failing)"]]
    for u in upstreamShown {
      rows.append([
        u.dependent, needs(u.needed, u.alternatives, u.group), String(u.count),
        zip(u.nearest, u.nearestFailedCounts).map { "\($0) (\($1))" }.joined(separator: ", "),
      ])
    }
    print(TextTable.render(rows, rightAligned: [2]))
    if upstreamShown.count < audit.upstream.count { print("(\(audit.upstream.count - upstreamShown.count) more: --top 0 lists all)") }
  }

  func requireNode(_ id: String, in network: DependencyNetwork, option: String) throws {
    guard network.index(of: id) == nil else { return }
    let suggestion = didYouMean(id, among: network.nodeIDs)
    throw UsageError(
      message: "\(option) names '\(id)', which is not a node of \(network.source)",
      hint: suggestion.map { "did you mean '\($0)'?" } ?? "node ids are case-sensitive")
  }

  func singleSource(_ network: DependencyNetwork) throws {
    if let from { try requireNode(from, in: network, option: "--from") }
    if let to { try requireNode(to, in: network, option: "--to") }
    if let from, let to {
      let chain = ClosureQuery.chain(from: from, to: to, in: network) ?? []
      if json {
        print(
          JSONValue.object([
            ("supplier", .string(from)), ("dependent", .string(to)), ("depends", .bool(!chain.isEmpty)),
            ("chain", .array(chain.map { .string($0) })),
          ]).serialized())
      } else if chain.isEmpty {
        print("\(to) does not depend on \(from).")
      } else {
        print("\(to) depends on \(from) through \(chain.count - 2) intermediate node(s):")
        print("  " + chain.joined(separator: " → "))
      }
      return
    }
    let (id, list, direction) =
      from.map { ($0, ClosureQuery.downstream(of: $0, in: network)!, "downstream") }
      ?? (to!, ClosureQuery.upstream(of: to!, in: network)!, "upstream")
    if json {
      print(
        JSONValue.object([
          ("id", .string(id)), ("direction", .string(direction)), ("count", .int(list.count)),
          ("nodes", .array(list.map { .string($0) })),
        ]).serialized())
    } else {
      let what = direction == "downstream" ? "depend on \(id)" : "\(id) depends on"
      print("\(list.count) node(s) \(what), directly or transitively:")
      for node in list { print("  \(node)") }
    }
  }

  func printClosure(_ network: DependencyNetwork, options: ClosureOptions) throws {
    let analysis = try ClosureAnalysis(network, options: options)
    if json {
      // Streamed a megabyte at a time (a node per object): the same bytes as the
      // JSONValue document {"nodes": […], "loops": […], "depth": …}, without building it.
      var out = JSONBytes(sink: { StandardOutput.write(bytes: $0) })
      out.ascii("{\"nodes\":[")
      for (i, node) in analysis.nodes.enumerated() {
        if i > 0 { out.byte(0x2C) }
        out.ascii("{\"id\":")
        out.string(node.id)
        out.ascii(",\"upstream\":")
        out.int(node.upstream)
        out.ascii(",\"downstream\":")
        out.int(node.downstream)
        out.ascii(",\"depth\":")
        out.int(node.depth)
        out.ascii(",\"downstream_with_redundancy\":")
        out.int(node.downstreamWithRedundancy)
        out.byte(0x7D)
      }
      out.ascii("],\"loops\":")
      JSONValue.array(analysis.loops.map { .array($0.map { .string($0) }) }).write(into: &out, pretty: false, indent: 0)
      out.ascii(",\"depth\":")
      out.int(analysis.depth)
      out.ascii("}\n")
      out.flush()
      return
    }
    let n = network.nodeIDs.count
    print("Static dependency closure of \(network.source): \(n) nodes, \(network.dependencies.count) dependencies.")
    print("Edges go from supplier to dependent. Nodes ranked by criticality:")
    print("  with redundancy  nodes that certainly fail when this node alone fails (alternative suppliers honoured)")
    print("  downstream       nodes that depend on it, directly or transitively, if every dependency were required")
    print("  upstream         nodes it depends on, directly or transitively")
    print("  depth            longest chain of suppliers ending at it (a loop counts as one step)")
    print("")
    let ranked = analysis.rankedByCriticality
    let shown = top == 0 ? ranked : Array(ranked.prefix(top))
    var rows = [["rank", "node", "with redundancy", "downstream", "upstream", "depth"]]
    for (i, node) in shown.enumerated() {
      rows.append([
        "\(i + 1)", node.id, "\(node.downstreamWithRedundancy)", "\(node.downstream)", "\(node.upstream)", "\(node.depth)",
      ])
    }
    print(TextTable.render(rows, rightAligned: [0, 2, 3, 4, 5]))
    if shown.count < ranked.count {
      print("(\(ranked.count - shown.count) more nodes; --top 0 shows all, --json gives every figure)")
    }
    print("")
    if analysis.loops.isEmpty {
      print("Mutual-dependency loops: none.")
    } else {
      print("Mutual-dependency loops (\(analysis.loops.count)):")
      for (i, loop) in analysis.loops.enumerated() {
        print("  \(i + 1). \(loop.joined(separator: ", ")) (\(loop.count) nodes)")
      }
    }
    print("Dependency depth: \(analysis.depth) (longest chain of suppliers; a loop counts as one step).")
  }

  /// 12,345 with thousands separators.
  func grouped(_ n: Int) -> String {
    let digits = Array(String(n.magnitude))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(d)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// `--pairs` / `--k`: N-k, as tables or JSON.
  func printFailureSets(_ network: DependencyNetwork, sectorOf: [String: String]?, options: ClosureOptions) throws {
    let size = k ?? 2
    let limit = top == 0 ? Int.max : top
    let nk: FailureSets
    do {
      nk = try FailureSets(network, k: size, top: top == 0 ? Int.max : top, options: options)
    } catch .memory(var e) {
      e.alternative = "raise the limit (`--memory-limit`)"
      throw e
    } catch {
      throw UsageError(message: error.description, hint: nil)
    }
    let counts = (1...size).map { nk.result.counts(size: $0) }
    // Per sector (datasets): the sets that bring down the most of its nodes.
    var sectors: [(sector: String, ids: Set<String>)] = []
    if let sectorOf {
      var bySector: [String: Set<String>] = [:]
      for id in network.nodeIDs { if let s = sectorOf[id] { bySector[s, default: []].insert(id) } }
      sectors = bySector.keys.sorted().map { ($0, bySector[$0]!) }
    }
    let noun = ["single points of failure", "critical pairs", "critical triples"]
    if json {
      var out = JSONBytes(sink: { StandardOutput.write(bytes: $0) })
      func entries(_ list: [FailureSets.Entry]) -> JSONValue {
        .array(list.map { .object([("nodes", .array($0.nodes.map { .string($0) })), ("beyond", .int($0.beyond)), ("failed", .int($0.failed))]) })
      }
      var sizes: [JSONValue] = []
      for s in 1...size {
        var fields: [(String, JSONValue)] = [
          ("size", .int(s)), ("sets", .int(counts[s - 1].reduce(0, +))),
          ("nodes_with_sets", .int(counts[s - 1].filter { $0 > 0 }.count)),
          ("top", entries(Array(nk.top(size: s).prefix(limit)))),
        ]
        if s >= 2 && !sectors.isEmpty {
          fields.append((
            "by_sector",
            .array(sectors.map { .object([("sector", .string($0.sector)), ("top", entries(nk.top(size: s, limit: limit, amongNodes: $0.ids)))]) })
          ))
        }
        sizes.append(.object(fields))
      }
      out.ascii("{\"source\":")
      out.string(network.source)
      out.ascii(",\"k\":")
      out.int(size)
      out.ascii(",\"node_count\":")
      out.int(network.nodeIDs.count)
      out.ascii(",\"classes\":")
      out.int(nk.result.classCount)
      out.ascii(",\"sizes\":")
      JSONValue.array(sizes).write(into: &out, pretty: false, indent: 0)
      // Every node with a set: its counts and its first sets of each size, streamed.
      out.ascii(",\"nodes\":[")
      var first = true
      for y in network.nodeIDs.indices where counts.contains(where: { $0[y] > 0 }) {
        if !first { out.byte(0x2C) }
        first = false
        out.ascii("{\"id\":")
        out.string(network.nodeIDs[y])
        out.ascii(",\"counts\":")
        JSONValue.array(counts.map { .int($0[y]) }).write(into: &out, pretty: false, indent: 0)
        if setsPerNode > 0 {
          out.ascii(",\"sets\":")
          let sets = (1...size).map { s in
            JSONValue.array(nk.result.minimalSets(of: y, size: s, limit: setsPerNode).map { .array($0.map { .string(network.nodeIDs[$0]) }) })
          }
          JSONValue.array(sets).write(into: &out, pretty: false, indent: 0)
        }
        out.byte(0x7D)
      }
      out.ascii("]}\n")
      out.flush()
      return
    }
    let n = network.nodeIDs.count
    print("N-\(size) analysis of \(network.source): \(n) nodes; for each node, the sets of up to \(size) other nodes")
    print("whose joint failure brings it down although no smaller part of the set does (groups of")
    print("alternatives and k-of-n honoured).")
    print("")
    for s in 1...size {
      let total = counts[s - 1].reduce(0, +)
      let nodes = counts[s - 1].filter { $0 > 0 }.count
      print("  \(noun[s - 1]): \(grouped(total)), on \(grouped(nodes)) node(s)")
    }
    if nk.result.classCount < n {
      print("  (\(grouped(n - nk.result.classCount)) node(s) bring down alone exactly what another node does; each")
      print("   still counts as a member of its own sets)")
    }
    let join = { (nodes: [String]) in nodes.joined(separator: " + ") }
    for s in 2...max(2, size) where s <= size {
      let ranked = Array(nk.top(size: s).prefix(limit))
      print("")
      guard !ranked.isEmpty else {
        print("No \(s == 2 ? "pair" : "triple") brings down anything its \(s == 2 ? "members" : "pairs and members") do not bring down alone.")
        continue
      }
      print("\(s == 2 ? "Pairs" : "Triples") that bring down the most nodes beyond what \(s == 2 ? "either member does" : "their pairs and members do") alone:")
      var rows = [["rank", s == 2 ? "pair" : "triple", "beyond", "failed (members included)"]]
      for (i, e) in ranked.enumerated() { rows.append(["\(i + 1)", join(e.nodes), "\(e.beyond)", "\(e.failed)"]) }
      print(TextTable.render(rows, rightAligned: [0, 2, 3]))
      for (sector, ids) in sectors {
        let within = nk.top(size: s, limit: min(limit, 5), amongNodes: ids)
        guard !within.isEmpty else { continue }
        print("")
        print("  In \(sector): the \(s == 2 ? "pairs" : "triples") that bring down the most of its nodes")
        var rows = [[s == 2 ? "pair" : "triple", "\(sector) nodes beyond"]]
        for e in within { rows.append([join(e.nodes), "\(e.beyond)"]) }
        print(TextTable.render(rows, rightAligned: [1]).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
      }
    }
    let exposed = nk.mostExposed(size: size, limit: limit)
    print("")
    if exposed.isEmpty {
      print("No node has a \(noun[size - 1].dropLast()).")
    } else {
      print("Nodes with the most \(noun[size - 1]):")
      var header = ["node"] + (1...size).map { noun[$0 - 1] }
      header.append("first \(size == 1 ? "ones" : size == 2 ? "pairs" : "triples")")
      var rows = [header]
      for (id, _) in exposed {
        let y = network.index(of: id)!
        let first = nk.result.minimalSets(of: y, size: size, limit: 3).map { "{" + $0.map { network.nodeIDs[$0] }.joined(separator: ", ") + "}" }
        var row: [String] = [id]
        for s in 1...size { row.append(grouped(counts[s - 1][y])) }
        row.append(first.joined(separator: " "))
        rows.append(row)
      }
      print(TextTable.render(rows, rightAligned: Set(1...size)))
    }
    if top != 0 && ((2...max(2, size)).contains { $0 <= size && nk.top(size: $0).count == limit } || exposed.count == limit) {
      print("(--top 0 lists all; --json gives every node's counts and first sets)")
    }
  }

  func printSinglePointsOfFailure(_ network: DependencyNetwork, options: ClosureOptions) throws {
    let spof = try SinglePointsOfFailure(network, options: options)
    if json {
      print(
        JSONValue.object([
          (
            "single_points_of_failure",
            .array(
              spof.byNode.map { entry in
                .object([("id", .string(entry.id)), ("causes", .array(entry.causes.map { .string($0) }))])
              })
          )
        ]).serialized())
      return
    }
    print("Single points of failure in \(network.source) (redundancy-aware: a node fails when all")
    print("alternatives of one of its requirement groups fail). Nodes with none are not listed.")
    print("")
    var rows = [["node", "fails if any one of these fails alone"]]
    for entry in spof.byNode.sorted(by: { ($0.causes.count, $1.id) > ($1.causes.count, $0.id) }) where !entry.causes.isEmpty {
      rows.append([entry.id, entry.causes.joined(separator: ", ")])
    }
    if rows.count == 1 {
      print("No node has a single point of failure.")
    } else {
      print(TextTable.render(rows, rightAligned: []))
    }
  }
}

/// Plain-text tables with aligned columns.
enum TextTable {
  static func render(_ rows: [[String]], rightAligned: Set<Int>) -> String {
    guard let header = rows.first else { return "" }
    var widths = [Int](repeating: 0, count: header.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ row: [String]) -> String {
      row.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return rightAligned.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad)
      }.joined(separator: "  ")
    }
    var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    out += rows.dropFirst().map(line)
    return out.joined(separator: "\n")
  }
}
