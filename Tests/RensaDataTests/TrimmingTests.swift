import Foundation
import InternalRensaUtilities
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
