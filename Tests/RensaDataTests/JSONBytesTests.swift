import Foundation
import InternalRensaUtilities
import Testing
@testable import RensaData

/// The byte writer behind every JSON output: what it writes reads back as what was given
/// (through Foundation's parser), numbers as `String(Int)` writes them, and a document
/// streamed to a sink a megabyte at a time is the same bytes as one kept whole.
@Suite struct JSONBytesTests {
  @Test func stringsReadBackExactlyAndEscapeAsDocumented() throws {
    var out = JSONBytes()
    out.string("a\"b\\c\nd\re\tf\u{1}\u{1F}é東京🇯🇵\u{7F}\u{2028}")
    #expect(String(decoding: out.bytes, as: UTF8.self) == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u001fé東京🇯🇵\u{7F}\u{2028}\"")
    var rng = Xoshiro256StarStar(seed: 77)
    let pieces = ["a", "\"", "\\", "\n", "\u{0}", "\u{1B}", "é", "e\u{301}", "東", "🇯🇵", "\u{7F}", "\u{85}", " ", "/"]
    for _ in 0..<2_000 {
      let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
      var w = JSONBytes()
      w.string(text)
      let back = try JSONSerialization.jsonObject(with: Data(w.bytes), options: .fragmentsAllowed) as? String
      #expect(back == text)
      // Nothing below U+0020 is left raw.
      #expect(!w.bytes.contains { $0 < 0x20 })
    }
  }

  @Test func numbersAreWrittenAsSwiftWritesThem() {
    var rng = Xoshiro256StarStar(seed: 78)
    var values = [0, 1, -1, 9, 10, -10, Int.max, Int.min, 1_000_000]
    values += (0..<2_000).map { _ in Int(bitPattern: UInt(rng.next() >> (rng.next() % 64))) }
    for v in values {
      var w = JSONBytes()
      w.int(v)
      #expect(String(decoding: w.bytes, as: UTF8.self) == String(v))
    }
    var w = JSONBytes()
    w.double(2.5)
    w.byte(0x20)
    w.double(3)
    w.byte(0x20)
    w.double(.nan)
    #expect(String(decoding: w.bytes, as: UTF8.self) == "2.5 3.0 null")
  }

  @Test func aStreamedDocumentIsTheSameBytes() {
    let value = JSONValue.object([
      ("nodes", .array((0..<60_000).map { .object([("id", .string("node-\($0)\u{1}")), ("n", .int($0 * 7 - 3))]) })),
      ("pretty", .bool(true)), ("none", .null), ("x", .double(0.1)),
    ])
    let whole = Array(value.serialized().utf8)
    var chunks: [[UInt8]] = []
    var streamed = JSONBytes(sink: { chunks.append($0) })
    value.write(into: &streamed, pretty: false, indent: 0)
    streamed.flush()
    #expect(chunks.count > 1, "a document over a megabyte is handed over in pieces")
    #expect(Array(chunks.joined()) == whole)
    // Pretty printing: two spaces per level, ": " after keys.
    #expect(JSONValue.object([("a", .array([.int(1), .object([])]))]).serialized(pretty: true) == "{\n  \"a\": [\n    1,\n    {}\n  ]\n}")
  }
}

/// The integer map the readers use for edges, against `Dictionary`.
@Suite struct IntegerMapTests {
  @Test func agreesWithDictionary() {
    var rng = Xoshiro256StarStar(seed: 79)
    var map = IntegerMap()
    var reference: [UInt64: Int] = [:]
    for step in 0..<50_000 {
      // Small keys collide often (updates); large ones spread.
      let key = step % 3 == 0 ? rng.next() % 500 : rng.next()
      let value = Int(rng.next() % 1_000)
      map.set(key, value)
      reference[key] = value
      let probe = rng.next() % 600
      #expect(map[probe] == reference[probe])
    }
    #expect(map.count == reference.count)
    for (k, v) in reference { #expect(map[k] == v) }
  }
}
