import Foundation
import Rensa
import RensaGraph
import InternalRensaUtilities

/// Mutates a dataset document into documents that still **pass** validation but push
/// every number to the edges that validation allows: hours at 0, at the smallest
/// subnormal and at ``Limits/maximumHours``, probabilities at 0 and 1, the widest
/// lognormal, the most users, needs as large as their groups. The hostile-input tests
/// and the `analyses` fuzzer take what validation accepts through every analysis and
/// the report: whatever validation accepts, nothing may trap (issue 19).
public enum ValidDocumentMutator {
  /// Values at the edges of what validation accepts for a member named `key`, or nil
  /// when the member is not a number Rensa bounds.
  public static func edgeValues(forKey key: String) -> [Double]? {
    let hours = [0, 5e-324, 1e-300, 0.5, 1, 24, 1e4, Limits.maximumHours - 1, Limits.maximumHours]
    switch key {
    case "timeToImpactHours", "delayHours", "recoveryHours", "startHours", "minimumDurationHours", "low", "mode", "high", "median":
      return hours
    case "durationHours": return Array(hours.dropFirst())  // an event's duration must be positive
    case "probability", "coupling": return [0, 5e-324, 1e-12, 0.5, 1 - 1e-16, 1]
    case "sigma": return [1e-300, 1e-3, 1, Limits.maximumLognormalSigma]
    case "users", "affectedUsers": return [0, 1, 1e6, Double(Limits.maximumUsers)]
    case "cvss": return [0, 10]
    case "threshold": return [0, 1, 1e12]
    default: return nil
    }
  }

  /// A mutated copy of the JSON document `text`: each bounded number is replaced, with
  /// probability `rate`, by one of its edge values chosen by `rng`.
  package static func mutate(_ text: String, rate: Double, rng: inout Xoshiro256StarStar) -> String {
    guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return text }
    func walk(_ value: Any, key: String?) -> Any {
      if let object = value as? [String: Any] {
        var out: [String: Any] = [:]
        for (k, v) in object { out[k] = walk(v, key: k) }
        return out
      }
      if let array = value as? [Any] { return array.map { walk($0, key: key) } }
      if let number = value as? NSNumber, String(cString: number.objCType) != "c", let key,
        let edges = edgeValues(forKey: key), rng.nextUnitDouble() < rate
      {
        let x = edges[Int(rng.next() % UInt64(edges.count))]
        return key == "users" || key == "affectedUsers" ? NSNumber(value: Int(x)) : NSNumber(value: x)
      }
      return value
    }
    let mutated = walk(root, key: nil)
    guard let data = try? JSONSerialization.data(withJSONObject: mutated, options: [.sortedKeys]) else { return text }
    return String(decoding: data, as: UTF8.self)
  }
}
