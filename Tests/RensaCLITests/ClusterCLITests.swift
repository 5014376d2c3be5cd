import Foundation
import Rensa
import Testing
import _RensaTestSupport

/// `rensa cluster`: the JSON contract, the two input layouts and bad input.
extension CLITests {
  @Test func clusterJSONContractOnScipysExample() throws {
    // Six entities whose Jaccard distances are easy to check by hand.
    let wide = try temporaryFile(
      "m.csv",
      """
      entity,t1,t2,t3,t4
      a,1,1,0,0
      b,1,1,1,0
      c,0,0,1,1
      d,0,0,1,1
      e,1,0,0,0
      f,0,0,0,0
      """)
    let run = try rensa(["cluster", wide, "--metric", "jaccard", "--method", "average", "--json", "--clusters", "3"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(object["entities"] as? [String] == ["a", "b", "c", "d", "e", "f"])
    let linkage = try #require(object["linkage"] as? [[Double]])
    #expect(linkage.count == 5)
    // c and d are identical: the first merge, at height 0, forms cluster 6.
    #expect(linkage[0] == [2, 3, 0, 2])
    // Sizes grow to 6, and every row names clusters that exist (scipy's convention).
    #expect(linkage.last?[3] == 6)
    for (i, row) in linkage.enumerated() { #expect(row[0] < row[1] && row[1] < Double(6 + i)) }
    let c = try #require(object["cophenetic_correlation"] as? Double)
    #expect(c > 0.5 && c <= 1)
    let clusters = try #require(object["clusters"] as? [Int])
    #expect(clusters.count == 6 && Set(clusters).count == 3)
    let silhouette = try #require(object["silhouette"] as? Double)
    #expect(silhouette > -1 && silhouette <= 1)
    let profile = try rensa(["cluster", wide, "--json", "--silhouettes"])
    let profileObject = try #require(try JSONSerialization.jsonObject(with: Data(profile.stdout.utf8)) as? [String: Any])
    let rows = try #require(profileObject["silhouettes"] as? [[String: Any]])
    #expect(rows.compactMap { $0["clusters"] as? Int } == [2, 3, 4, 5])
    #expect(clusters[2] == clusters[3])  // c and d together
    // The empty entity f is reported in the notes.
    #expect((object["notes"] as? [String])?.contains { $0.contains("no feature") && $0.contains("f") } == true)

    // With --optimal-order the tree is the same, drawn with the least neighbour sum.
    let olo = try rensa(["cluster", wide, "--json", "--optimal-order"])
    let oloObject = try #require(try JSONSerialization.jsonObject(with: Data(olo.stdout.utf8)) as? [String: Any])
    #expect((oloObject["leaf_order"] as? [Int]).map { Set($0) } == Set(0..<6))
    let oloLinkage = try #require(oloObject["linkage"] as? [[Double]])
    #expect(zip(oloLinkage, linkage).allSatisfy { Set($0.0.prefix(2)) == Set($0.1.prefix(2)) && $0.0[2] == $0.1[2] })
    #expect((oloObject["notes"] as? [String])?.contains { $0.hasPrefix("leaves in optimal order") } == true)

    // The same matrix in the long layout gives the same linkage.
    let long = try temporaryFile("l.csv", "entity,feature\na,t1\na,t2\nb,t1\nb,t2\nb,t3\nc,t3\nc,t4\nd,t3\nd,t4\ne,t1\n")
    let again = try rensa(["cluster", long, "--json"])
    let other = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
    // (f is absent from the long file: five entities.)
    #expect((other["entities"] as? [String]) == ["a", "b", "c", "d", "e"])
  }

  @Test func clusterFindingsJSONOnTheBuiltInDataset() throws {
    let run = try rensa(["cluster", "--findings", "latest", "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    // The synthetic history runs 2021–2026: the latest year is 2026, compared with 2025.
    #expect(object["year"] as? Int == 2026)
    #expect(object["years"] as? [Int] == Array(2021...2026))
    let entities = try #require(object["entities"] as? [String])
    #expect(entities.count == 10)
    let reach = try #require(object["by_reach"] as? [[String: Any]])
    let counts = reach.compactMap { ($0["entities"] as? [String])?.count }
    #expect(!counts.isEmpty && counts == counts.sorted(by: >))
    let sets = try #require(object["cooccurring"] as? [[String: Any]])
    #expect(sets.allSatisfy { ($0["features"] as? [String])?.count ?? 0 >= 2 && ($0["entities"] as? [String])?.count ?? 0 >= 2 })
    let trends = try #require(object["trends"] as? [[String: Any]])
    #expect(trends.allSatisfy { ($0["totals"] as? [Double])?.count == 6 })
    let clusters = try #require(object["clusters"] as? [[String]])
    #expect(Set(clusters.flatMap { $0 }) == Set(entities))
    #expect(object["previous_clusters"] is [[String]])
    let agreement = try #require(object["cluster_agreement"] as? Double)
    #expect(agreement >= -1 && agreement <= 1)
    #expect((object["notes"] as? [String])?.first?.contains("SYNTHETIC") == true)
    // A year of the window, and the text form.
    let earlier = try rensa(["cluster", "--findings", "2023", "--minimum-support", "3"])
    #expect(earlier.status == 0)
    #expect(earlier.stdout.contains("Common-threat findings 2023") && earlier.stdout.contains("Since 2022: adjusted Rand index"))
  }

  @Test func clusterFindingsRefusesWhatItCannotDo() throws {
    let wide = try temporaryFile("f.csv", "entity,x\na,1\nb,1\n")
    for (arguments, message) in [
      (["cluster", wide, "--findings", "2025"], "--findings needs yearly data"),
      (["cluster", "--findings", "twenty"], "takes a year"),
      (["cluster", "--findings", "2026", "--cocluster", "2"], "drop --cocluster"),
      (["cluster", "--findings", "1999"], "no data for 1999"),
      (["cluster", "--findings", "2026", "--metric", "weighted-jaccard"], "compares entities by presence"),
    ] {
      let run = try rensa(arguments)
      #expect(run.status != 0, "\(arguments)")
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
    }
  }

  @Test func clusterSharedFeaturesAreRankedByReach() throws {
    let wide = try temporaryFile("s.csv", "entity,x,y,z\na,1,1,0\nb,1,0,0\nc,1,1,0\nd,0,0,2\n")
    let run = try rensa(["cluster", wide, "--shared", "2", "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let shared = try #require(object["shared_features"] as? [[String: Any]])
    #expect(shared.count == 2)
    #expect(shared[0]["feature"] as? String == "x" && shared[0]["entities"] as? [String] == ["a", "b", "c"])
    #expect(shared[0]["share"] as? Double == 0.75)
    #expect(shared[1]["feature"] as? String == "y")
  }

  @Test func clusterDistancesOnlyAndDefaultRun() throws {
    let wide = try temporaryFile("m.csv", "entity,x,y\na,1,0\nb,1,1\nc,0,1\n")
    let run = try rensa(["cluster", wide, "--distances-only"])
    #expect(run.status == 0)
    // Condensed order: (a,b), (a,c), (b,c) = 1/2, 1, 1/2.
    #expect(run.stdout.split(separator: "\n").map { Double($0)! } == [0.5, 1, 0.5])
    let builtin = try rensa(["cluster", "--clusters", "3"])
    #expect(builtin.status == 0)
    // At most 3 clusters (fewer when merges tie at the cut, as scipy's maxclust).
    let cut = builtin.stdout.split(separator: "\n").first { $0.hasSuffix(" clusters:") }.flatMap { Int($0.split(separator: " ")[0]) }
    #expect(builtin.stdout.contains("10 entities") && cut != nil && cut! >= 1 && cut! <= 3)
    #expect(builtin.stderr.contains("synthetic"))
  }

  @Test func clusterCoclusteringFindsPlantedBlocks() throws {
    // Two blocks: entities a–c use features x, y; entities d–f use z, w.
    let wide = try temporaryFile(
      "b.csv", "entity,x,y,z,w\na,1,1,0,0\nb,1,1,0,0\nc,1,0,0,0\nd,0,0,1,1\ne,0,0,1,1\nf,0,0,0,1\n")
    let run = try rensa(["cluster", wide, "--cocluster", "2", "--json", "--seed", "3"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let rows = try #require(object["row_labels"] as? [Int])
    let columns = try #require(object["column_labels"] as? [Int])
    #expect(rows[0] == rows[1] && rows[1] == rows[2] && rows[3] == rows[4] && rows[4] == rows[5] && rows[0] != rows[3])
    #expect(columns[0] == columns[1] && columns[2] == columns[3] && columns[0] != columns[2])
    #expect(columns[0] == rows[0])  // a block pairs its entities with their features
    let text = try rensa(["cluster", wide, "--cocluster", "2"])
    #expect(text.status == 0 && text.stdout.contains("Block 1") && text.stdout.contains("Block 2"))
    let bad = try rensa(["cluster", wide, "--cocluster", "2", "--clusters", "2"])
    #expect(bad.status == 64)
  }

  @Test func clusterBadInputIsNamed() throws {
    let bad = try temporaryFile("bad.csv", "entity,x,y\na,1,nan\na,-1,0\nb,z,1\n")
    let run = try rensa(["cluster", bad])
    #expect(run.status == 65)
    #expect(run.stderr.contains("bad.csv:2") && run.stderr.contains("'nan' is not a finite number"))
    #expect(run.stderr.contains("entity repeated") && run.stderr.contains("weight -1 is negative"))
    #expect(run.stderr.contains("bad.csv:4") && run.stderr.contains("'z' is not a finite number"))
    let one = try temporaryFile("one.csv", "entity,x\na,1\n")
    let single = try rensa(["cluster", one])
    #expect(single.status == 65 && single.stderr.contains("at least 2 entities"))
    let empty = try temporaryFile("e.csv", "entity,x\n")
    #expect(try rensa(["cluster", empty]).status == 65)
    let metric = try rensa(["cluster", one, "--metric", "euclid"])
    #expect(metric.status == 64 && metric.stderr.contains("unknown metric"))
  }
}

extension CLITests {
  @Test(.enabled(if: TestPaths.sharedDataset("mitre-attack-ics/ics-attack-18.1.json") != nil, "skipped: shared ATT&CK data absent"))
  func clusterATTACKForICSAssetsByTargetingTechniques() throws {
    let path = TestPaths.sharedDataset("mitre-attack-ics/ics-attack-18.1.json")!.path
    let run = try rensa(["cluster", "--stix", path, "--entities", "assets", "--clusters", "4", "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let entities = try #require(object["entities"] as? [String])
    let clusters = try #require(object["clusters"] as? [Int])
    #expect(entities.count >= 15)
    func label(_ id: String) throws -> Int { clusters[try #require(entities.firstIndex { $0.hasPrefix(id + " ") })] }
    // Field controllers share the techniques that target them; workstations and servers
    // share others.
    #expect(try label("A0003") == label("A0004"))  // PLC with RTU
    #expect(try label("A0001") == label("A0008"))  // workstation with application server
    #expect(try label("A0003") != label("A0001"))
  }
}

extension CLITests {
  @Test(.enabled(if: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz") != nil, "skipped: shared CSAF advisories absent"))
  func clusterICSAdvisorySectorsByWeakness() throws {
    let path = TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz")!.path
    let run = try rensa(["cluster", "--csaf", path, "--features", "cwe", "--years", "2022", "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let entities = try #require(object["entities"] as? [String])
    #expect(entities.contains("Energy") && entities.contains("Critical Manufacturing"))
    // The "Multiple Sectors" artefact is counted and said.
    let notes = try #require(object["notes"] as? [String])
    #expect(notes.contains { $0.contains("released 2022–2022") && $0.contains("\"Multiple Sectors\"") })
    let without = try rensa(["cluster", "--csaf", path, "--features", "cwe", "--years", "2022", "--exclude-multiple-sectors", "--json"])
    let other = try #require(try JSONSerialization.jsonObject(with: Data(without.stdout.utf8)) as? [String: Any])
    #expect((other["notes"] as? [String])?.contains { $0.contains("are left out") } == true)
    let bad = try rensa(["cluster", "--csaf", path, "--years", "2024-2019"])
    #expect(bad.status == 64)
    // Joined with KEV: only exploited CVEs remain as features.
    if let kev = TestPaths.sharedDataset("cisa-kev/known_exploited_vulnerabilities.json") {
      let joined = try rensa(["cluster", "--csaf", path, "--features", "cve", "--kev", kev.path, "--json"])
      #expect(joined.status == 0)
      let o = try #require(try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: Any])
      #expect((o["notes"] as? [String])?.contains { $0.contains("CVEs are in the KEV catalogue") } == true)
      #expect((o["entities"] as? [String]).map { $0.count >= 2 } == true)
    }
  }
}
