import Testing
import _RensaTestSupport
import RensaData

@Suite struct JSONValueTests {
  @Test func serialisesDeterministicallyWithEscapes() {
    let value = JSONValue.object([
      ("b", .int(1)), ("a", .array([.string("x\"y\n\u{1}"), .bool(true), .null, .double(0.5), .double(2)])),
      ("nan", .double(.nan)),
    ])
    #expect(value.serialized() == #"{"b":1,"a":["x\"y\n\u0001",true,null,0.5,2.0],"nan":null}"#)
    #expect(value.serialized(pretty: true).contains("\n  \"a\": ["))
  }
}
