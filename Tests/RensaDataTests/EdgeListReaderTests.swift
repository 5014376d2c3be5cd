import Testing
import _RensaTestSupport
import Rensa
import RensaData

@Suite struct EdgeListReaderTests {
  @Test func readsGroupsNeedsCommentsQuotesAndExtraColumns() throws {
    let text = #"""
      \#u{FEFF}# a comment
      supplier,dependent,group,need,basis

      grid,hospital,power,1,"assumption, with a comma"
      generator,hospital,power,1,x
        # indented comment
      "telecom ""A""",hospital,,,y\#r
      grid,hospital,power,1,duplicate line
      """#
    let network = try EdgeListReader.parse(text, file: "t.csv")
    #expect(network.nodeIDs == ["grid", "hospital", "generator", "telecom \"A\""])
    #expect(network.dependencies.count == 3)
    #expect(network.notes.contains { $0.line == 8 && $0.reason.contains("duplicate of the edge on line 4") })
    let groups = network.requirementGraph
    #expect(groups.groupCount == 2)
    #expect(network.hasRedundancy)
  }

  @Test func tabSeparated() throws {
    let network = try EdgeListReader.parse("supplier\tdependent\na b\tc\n", file: "t.tsv", delimiter: "\t")
    #expect(network.nodeIDs == ["a b", "c"])
  }

  @Test func collectsEveryProblemWithLineAndField() {
    let text = """
      supplier,dependent,group,need
      a,b,g,2
      ,b,,
      a,b,h,x
      c,d,,3
      a,b,g,1
      x,y,z
      "open,q,,
      """
    do {
      _ = try EdgeListReader.parse(text, file: "bad.csv")
      Issue.record("expected a DataError")
    } catch {
      let lines = error.issues.map { $0.line ?? 0 }
      #expect(lines.contains(3))  // empty supplier
      #expect(error.issues.contains { $0.line == 3 && $0.field == "supplier" && $0.reason.contains("empty") })
      #expect(error.issues.contains { $0.line == 4 && $0.field == "need" && $0.reason.contains("'x'") })
      #expect(error.issues.contains { $0.line == 5 && $0.field == "need" && $0.reason.contains("'group' is empty") })
      #expect(error.issues.contains { $0.line == 6 && $0.reason.contains("needs 1 here but 2 on line 2") })
      #expect(error.issues.contains { $0.line == 7 && $0.reason.contains("expected 4 fields") })
      #expect(error.issues.contains { $0.line == 8 && $0.reason.contains("unterminated quote") })
      #expect(error.issues.contains { $0.line == 2 && $0.reason.contains("needs 2 suppliers but lists only 1") })
      #expect(error.issues.count == 7)
      #expect(error.issues.allSatisfy { $0.file == "bad.csv" })
      #expect(error.description.hasPrefix("7 problems"))
    }
  }

  @Test func headerProblems() {
    func issues(_ text: String, delimiter: Character = ",") -> [DataIssue] {
      do {
        _ = try EdgeListReader.parse(text, file: "h.csv", delimiter: delimiter)
        return []
      } catch { return error.issues }
    }
    #expect(issues("").first?.reason.contains("empty") == true)
    #expect(issues("# only a comment\n\n").first?.reason.contains("no header") == true)
    #expect(issues("supplier,dependent\n").first?.reason.contains("no edges") == true)
    #expect(issues("dependent,supplier\na,b\n").first?.hint?.contains("swapped") == true)
    #expect(issues("supplier\tdependent\na\tb\n").first?.hint?.contains(".tsv") == true)
    #expect(issues("supplier,dependent,x,X\na,b,1,2\n").contains { $0.reason.contains("duplicate column") })
    #expect(issues("supplier,dependent,need\na,b,1\n").contains { $0.reason.contains("requires a 'group'") })
  }

  @Test func nodeTableDeclaresNodesAndCatchesUnknownAndDuplicateIds() throws {
    let nodes = "id,name\ngrid,Grid\nhospital,Hospital\nisolated,Island\n"
    let network = try EdgeListReader.parse(
      "supplier,dependent\ngrid,hospital\n", file: "e.csv", nodes: (nodes, "n.csv"))
    #expect(network.nodeIDs == ["grid", "hospital", "isolated"])
    do {
      _ = try EdgeListReader.parse(
        "supplier,dependent\ngird,hospital\ngrid,hospitl\n", file: "e.csv",
        nodes: ("id\ngrid\nhospital\ngrid\n", "n.csv"))
      Issue.record("expected a DataError")
    } catch {
      #expect(error.issues.contains { $0.file == "n.csv" && $0.line == 4 && $0.reason.contains("duplicate node id 'grid'") && $0.hint == "first declared on line 2" })
      #expect(error.issues.contains { $0.line == 2 && $0.field == "supplier" && $0.hint == "did you mean 'grid'?" })
      #expect(error.issues.contains { $0.line == 3 && $0.field == "dependent" && $0.hint == "did you mean 'hospital'?" })
    }
    #expect(throws: DataError.self) {
      try EdgeListReader.parse("supplier,dependent\na,b\n", file: "e.csv", nodes: ("name\nx\n", "n.csv"))
    }
  }

  @Test func selfDependenciesAreKeptWithANote() throws {
    let network = try EdgeListReader.parse("supplier,dependent\na,a\na,b\n", file: "s.csv")
    #expect(network.notes.contains { $0.reason.contains("self-dependencies kept") && $0.reason.contains("a (line 2)") })
    let analysis = try ClosureAnalysis(network)
    #expect(analysis.nodes.map(\.downstream) == [1, 0])
    #expect(analysis.loops.isEmpty)
  }

  /// A file that cannot be read is a `DataError` too (every reader throws that one type),
  /// saying which kind of failure in `unreadable`, with one issue naming the file.
  @Test func fileErrors() {
    do {
      _ = try EdgeListReader.read(path: "/nonexistent/edges.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.unreadable?.kind == .missing)
      #expect(error.issues.map(\.file) == ["/nonexistent/edges.csv"] && error.description == "/nonexistent/edges.csv: no such file")
    }
    do {
      _ = try EdgeListReader.read(path: "/tmp")
      Issue.record("expected an error")
    } catch {
      #expect(error.unreadable?.kind == .unreadable)
    }
    // Every reader of files: one typed error for both kinds of failure.
    let missing = "/nonexistent/input"
    let readers: [(String, () throws(DataError) -> Void)] = [
      ("dataset", { () throws(DataError) in _ = try DatasetReader.read(path: missing) }),
      ("graphml", { () throws(DataError) in _ = try GraphMLReader.read(path: missing) }),
      ("integer edges", { () throws(DataError) in _ = try IntegerEdgeList.read(path: missing) }),
      ("kev", { () throws(DataError) in _ = try KEVImporter.read(path: missing) }),
      ("stix", { () throws(DataError) in _ = try STIXImporter.read(path: missing + ".json.xz") }),
      ("csaf", { () throws(DataError) in _ = try CSAFImporter.read(path: missing + ".tar.xz") }),
      ("shelby", { () throws(DataError) in _ = try ShelbyCountyImporter.read(directory: missing) }),
    ]
    for (name, read) in readers {
      do {
        try read()
        Issue.record("\(name): expected an error")
      } catch {
        #expect(error.unreadable?.kind == .missing, "\(name): \(error)")
      }
    }
  }

  @Test func didYouMeanSuggestsCloseIds() {
    #expect(didYouMean("hospitl", among: ["hospital", "grid"]) == "hospital")
    #expect(didYouMean("zzzzzz", among: ["hospital", "grid"]) == nil)
    #expect(didYouMean("Grid", among: ["grid"]) == "grid")
  }
}
