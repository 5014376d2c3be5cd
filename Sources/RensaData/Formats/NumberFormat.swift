import Foundation

/// How Rensa prints hours and probabilities in tables and explanations.
package enum NumberFormat {
  /// `3 h`, `0.5 h`, `72 h`, `3.33 h`: at most two decimals, no trailing zeros.
  package static func hours(_ x: Double) -> String { "\(number(x)) h" }

  /// `3`, `0.5`, `3.33`: at most two decimals, no trailing zeros.
  package static func number(_ x: Double) -> String { decimals(x, 2) }

  /// A probability with three decimals and no trailing zeros: `0.25`, `0.998`, `1`.
  package static func probability(_ x: Double) -> String { decimals(x, 3) }

  /// `x` to `digits` significant digits, without trailing zeros: `0.861451`,
  /// `4.2e-05`, `1.23457e+06`.
  package static func significant(_ x: Double, digits: Int = 6) -> String {
    if x == 0 { return "0" }
    if !x.isFinite { return "\(x)" }
    var text = String(format: "%.\(digits)g", x)
    if let e = text.firstIndex(where: { $0 == "e" }) {
      var mantissa = String(text[..<e])
      let exponent = String(text[e...])
      if mantissa.contains(".") {
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
      }
      text = mantissa + exponent
    } else if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  package static func decimals(_ x: Double, _ places: Int) -> String {
    // A whole number (most hours are): printf would give "72.00", trimmed to "72"; the
    // integer's digits are the same text, without Foundation's formatter.
    if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
    var text = String(format: "%.\(places)f", x)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}

package func hours(_ x: Double) -> String { NumberFormat.hours(x) }
package func hoursNumber(_ x: Double) -> String { NumberFormat.number(x) }
