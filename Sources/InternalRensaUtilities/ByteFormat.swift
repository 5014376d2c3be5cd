/// Formats a byte count with a binary unit, e.g. `1.5 GiB`.
package func formatBytes(_ bytes: Int) -> String {
  let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
  var value = Double(bytes)
  var unit = 0
  while value >= 1024 && unit < units.count - 1 {
    value /= 1024
    unit += 1
  }
  if unit == 0 { return "\(bytes) B" }
  let rounded = (value * 10).rounded() / 10
  return "\(rounded) \(units[unit])"
}
