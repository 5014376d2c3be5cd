import Foundation
import InternalRensaUtilities
@testable import RensaData
import Testing

/// The readers trim with `trimmingSpaces` instead of Foundation's `trimmingCharacters`:
/// it must trim exactly what Foundation trims.
@Suite struct TrimmingTests {
  @Test func everyScalarIsTrimmedAsFoundationTrimsIt() {
    var spaces = 0
    // Every scalar up to U+30FF (all white space is below U+3001), then one in 61 above.
    for v in Array(UInt32(0)...0x30FF) + Array(stride(from: UInt32(0x3100), through: 0x10FFFF, by: 61)) {
      guard let s = Unicode.Scalar(v) else { continue }
      let text = "\(s)a\(s)b\(s)"
      #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "U+\(String(v, radix: 16))")
      #expect(
        text.trimmingSpaces(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(v, radix: 16))")
      if CharacterSet.whitespaces.contains(s) { spaces += 1 }
    }
    #expect(spaces == 19)
  }

  @Test func randomMixturesOfSpacesAndTextAgree() {
    let pieces: [String] = [" ", "\t", "\n", "\r\n", "\u{3000}", "\u{A0}", "\u{200B}", "\u{85}", "\u{2028}", "é", "e\u{301}", "東京", "a", "🇯🇵", ""]
    var rng = Xoshiro256StarStar(seed: 2_024)
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
      #expect(text.trimmingSpaces(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines))
      #expect(Substring(text).trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }
  }
}

/// Hours and probabilities as Rensa prints them: whole numbers take a shortcut past
/// `String(format:)`, which must print exactly what the formatter prints.
@Suite struct NumberFormatTests {
  @Test func wholeNumbersPrintAsTheFormatterPrintsThem() {
    func formatted(_ x: Double, _ places: Int) -> String {
      var text = String(format: "%.\(places)f", x)
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
      return text == "-0" ? "0" : text
    }
    var rng = Xoshiro256StarStar(seed: 2_025)
    var values: [Double] = [0, -0.0, 1, -1, 72, 1e14, -1e14, 999_999_999_999_999, 0.5, 2.675, 1e15, 3.333_333, 1e-9, -0.004]
    values += (0..<3_000).map { _ in Double(Int(rng.next() % 2_000_000) - 1_000_000) }
    values += (0..<3_000).map { _ in (rng.nextUnitDouble() - 0.5) * 1e6 }
    for x in values {
      #expect(NumberFormat.decimals(x, 2) == formatted(x, 2), "\(x)")
      #expect(NumberFormat.decimals(x, 3) == formatted(x, 3), "\(x)")
    }
    #expect(NumberFormat.hours(72) == "72 h" && NumberFormat.hours(0.5) == "0.5 h" && NumberFormat.probability(1) == "1")
  }
}
