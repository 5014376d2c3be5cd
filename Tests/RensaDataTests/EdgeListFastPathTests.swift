import InternalRensaUtilities
import Testing
@testable import RensaData

/// The edge list's fast path (ids interned from bytes) against the general reader, on
/// random files: whenever the fast path answers, the network — ids in order, edges with
/// their lines, notes — is exactly the general reader's; and files that need the general
/// reader's care (quotes, comments, blank lines, spaces, non-ASCII ids, repeated edges,
/// carriage returns, an extra field, numbers it would refuse) are left to it;
/// self-dependencies are noted alike. Timing columns (delay, recovery, probability), groups
/// of alternatives and their need, in any order, or none.
@Suite struct EdgeListFastPathTests {
  @Test(arguments: [",", "\t"])
  func agreesWithTheGeneralReader(delimiter: String) throws {
    var rng = Xoshiro256StarStar(seed: delimiter == "," ? 240 : 241)
    let d = Character(delimiter)
    // Mostly plain ids; sometimes one that sends the file to the general reader.
    let plain = ["a", "b", "grid", "Grid", "GRID", "hospital-1", "x_y.z", "#x", "a b", "k"] + (0..<150).map { "n\($0)" }
    let awkward = ["\"q\"", " s", "t ", "é", "\u{212A}", "", "c\u{1}", "東京", "a\"b", "#c"]
    var fast = 0
    var general = 0
    var timed = 0
    var selfNoted = 0
    var groupedFast = 0
    for trial in 0..<3_000 {
      // Timing columns in a random order (none in a third of the files).
      var timing = ["delay_h", "recovery_h", "probability"].filter { _ in rng.next() % 3 == 0 }
      // Groups of alternatives in half of the files, with their need in most of those
      // (and, rarely, a need column without a group column).
      let grouped = rng.next() % 2 == 0
      if grouped {
        timing.insert("group", at: Int(rng.next() % UInt64(timing.count + 1)))
        if rng.next() % 4 != 0 { timing.insert("need", at: Int(rng.next() % UInt64(timing.count + 1))) }
      } else if rng.next() % 100 == 0 {
        timing.append("need")
      }
      if rng.next() % 2 == 0 { timing.reverse() }
      if rng.next() % 200 == 0 { timing.append("delay_h") }  // a repeated column
      var lines = [(trial % 97 == 0 ? "Supplier" : "supplier") + delimiter + "dependent" + timing.map { delimiter + $0 }.joined()]
      let numbers = ["", "0", "1", "2.5", "24", "0.25", "1e1", "+3", "1"]
      let badNumbers = ["-1", "2.5.1", " 3", "1e400", "nan", "x", "1.5e", "7"]
      let rows = Int(rng.next() % 12)
      for _ in 0..<rows {
        func id() -> String {
          rng.next() % 150 == 0 ? awkward[Int(rng.next() % UInt64(awkward.count))] : plain[Int(rng.next() % UInt64(plain.count))]
        }
        // In grouped files most dependents are a few, so that groups gather several rows.
        let dependent = grouped && rng.next() % 4 != 0 ? ["h1", "h2", "h3"][Int(rng.next() % 3)] : id()
        var row = id() + delimiter + dependent
        for column in timing {
          if column == "group" {
            // Few labels, so that groups gather several suppliers; sometimes none, rarely awkward.
            let labels = ["", "", "power", "telecom", "g1", "Power"]
            row += delimiter + (rng.next() % 100 == 0 ? ["\"g\"", " g", "é", "a b"][Int(rng.next() % 4)] : labels[Int(rng.next() % 6)])
            continue
          }
          if column == "need" {
            // Mostly 1 or nothing (the same on a group's rows), sometimes 2 or 3, rarely bad.
            let needs = ["", "1", "1", "1", "", "2", "3", "01"]
            row += delimiter + (rng.next() % 100 == 0 ? ["0", "-1", "x", "1.5", "+2"][Int(rng.next() % 5)] : needs[Int(rng.next() % 8)])
            continue
          }
          let bad = rng.next() % 100 == 0
          var value = bad ? badNumbers[Int(rng.next() % UInt64(badNumbers.count))] : numbers[Int(rng.next() % UInt64(numbers.count))]
          // "7" is fine for hours and out of range for a probability.
          if column == "probability" && !bad && value != "" { value = ["0", "1", "0.25", "1e-1"][Int(rng.next() % 4)] }
          row += delimiter + value
        }
        switch rng.next() % 300 {
        case 0: row += delimiter + "extra"
        case 1: row = ""
        case 2: row += "\r"
        case 3: row = "# comment"
        default: break
        }
        lines.append(row)
      }
      var text = lines.joined(separator: "\n")
      if rng.next() % 2 == 0 { text += "\n" }
      if rng.next() % 50 == 0 { text = "\u{FEFF}" + text }
      let simple = EdgeListReader.parseSimple(text, file: "t.csv", delimiter: d)
      let checked = Result { () throws(DataError) in try EdgeListReader.parseChecked(text, file: "t.csv", delimiter: d) }
      guard let simple else {
        general += 1
        continue
      }
      fast += 1
      let reference = try #require(try? checked.get(), "trial \(trial): the fast path read a file the general reader refuses:\n\(text)")
      #expect(simple.nodeIDs == reference.nodeIDs, "trial \(trial)")
      #expect(simple.dependencies == reference.dependencies, "trial \(trial)")
      if timing.contains(where: { ["delay_h", "recovery_h", "probability"].contains($0) }) { timed += 1 }
      if simple.dependencies.contains(where: { $0.group != nil }) { groupedFast += 1 }
      if simple.notes.contains(where: { $0.reason.hasPrefix("self-dependencies kept") }) { selfNoted += 1 }
      #expect(simple.notes == reference.notes, "trial \(trial)")
      #expect(simple.source == reference.source)
    }
    #expect(fast > 800 && general > 800, "fast path \(fast), general reader \(general)")
    #expect(timed > 400, "timed files on the fast path: \(timed)")
    #expect(selfNoted > 20, "fast-path files with a self-dependency noted: \(selfNoted)")
    #expect(groupedFast > 250, "fast-path files with groups of alternatives: \(groupedFast)")
  }

  /// Ids that differ only in case are noted by both paths alike.
  @Test func nearDuplicateIdsAreNotedOnTheFastPathToo() throws {
    let text = "supplier,dependent\ngrid,Hospital\nGrid,hospital\n"
    let network = try #require(EdgeListReader.parseSimple(text, file: "t.csv", delimiter: ","))
    #expect(network.notes.count == 2)
    #expect(network.notes == (try EdgeListReader.parseChecked(text, file: "t.csv", delimiter: ",")).notes)
  }
}
