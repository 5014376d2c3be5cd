import Rensa
import Foundation

/// Inline SVG for the report's charts: no scripts, no external resources, a `<title>`
/// and `<desc>` for screen readers, a viewBox so they scale on a phone, and colours from
/// the Okabe–Ito palette (distinguishable with colour-vision deficiencies).
enum SVGChart {
  static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999", "#6A3D9A"]

  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// The width of a label at 12 px: 6.6 px a character, 12 px a wide (CJK, full-width)
  /// one, so that Japanese labels are not cut off at the chart's edge.
  static func textWidth(_ s: String) -> Double {
    s.unicodeScalars.reduce(0.0) { w, u in
      switch u.value {
      case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
        return w + 12
      default: return w + 6.6
      }
    }
  }

  static func f(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
  }

  static func open(_ chart: ReportChart, width: Double, height: Double, _ t: any ReportCatalogue) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" style=\"max-width: \(f(width))px\" role=\"img\" "
      + "aria-labelledby=\"\(chart.id)-title \(chart.id)-desc\" font-family=\"\(escape(ReportDocument.fontStack(t.language)))\" font-size=\"12\">"
      + "<title id=\"\(chart.id)-title\">\(escape(chart.title))</title><desc id=\"\(chart.id)-desc\">\(escape(chart.alt))</desc>"
  }

  /// A tick step of 1, 2 or 5 × 10ᵏ giving about `count` ticks up to `maximum`.
  static func niceStep(_ maximum: Double, count: Int = 5) -> Double {
    guard maximum > 0 else { return 1 }
    let raw = maximum / Double(count)
    let power = pow(10, floor(log10(raw)))
    for m in [1.0, 2, 5, 10] where m * power >= raw { return m * power }
    return 10 * power
  }

  static func render(_ chart: ReportChart, _ t: any ReportCatalogue) -> String {
    switch chart.kind {
    case .lines(let x, let series): return lines(chart, x: x, series: series, t)
    case .heatmap(let rows, let columns, let values, let legend):
      return heatmap(chart, rows: rows, columns: columns, values: values, legend: legend, t)
    case .gantt(let rows, let intervals, let horizon, let unit, let why):
      return gantt(chart, rows: rows, intervals: intervals, horizon: horizon, unit: unit, why: why, t)
    case .dendrogram(let leaves, let merges, let order, let axis):
      return dendrogram(chart, leaves: leaves, merges: merges, order: order, axis: axis, t)
    }
  }

  static func lines(_ chart: ReportChart, x: [String], series: [(name: String, values: [Double?])], _ t: any ReportCatalogue) -> String {
    let width = 640.0
    let left = 48.0
    // Legend: up to three names a row, fewer when a name is long, so that none overlaps.
    let column = max(190.0, (series.map { textWidth($0.name) }.max() ?? 0) + 30)
    let perRow = max(1, min(3, Int((width - left) / column)))
    let legendRows = Double((series.count + perRow - 1) / perRow)
    let height = 260.0 + 18 * legendRows
    // The last x label is centred on the right edge of the plot: room for its half.
    let right = max(16.0, (x.last.map(textWidth) ?? 0) / 2 + 2)
    let top = 16.0
    let plotHeight = 200.0
    let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
    let step = niceStep(maximum)
    let top_ = max(step, (maximum / step).rounded(.up) * step)
    let plotWidth = width - left - right
    func px(_ i: Int) -> Double { x.count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(i) / Double(x.count - 1) }
    func py(_ v: Double) -> Double { top + plotHeight * (1 - v / top_) }
    var s = open(chart, width: width, height: height, t)
    var tick = 0.0
    while tick <= top_ + 1e-9 {
      s += "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(tick)))\" stroke=\"#ddd\"/>"
      s += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(escape(NumberFormat.significant(tick, digits: 6)))</text>"
      tick += step
    }
    for (i, label) in x.enumerated() {
      s += "<text x=\"\(f(px(i)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(escape(label))</text>"
    }
    for (k, line) in series.enumerated() {
      let colour = palette[k % palette.count]
      var run: [String] = []
      func flush() {
        if run.count > 1 { s += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(run.joined(separator: " "))\"/>" }
        run.removeAll()
      }
      for (i, v) in line.values.enumerated() {
        guard let v else {
          flush()
          continue
        }
        run.append("\(f(px(i))),\(f(py(v)))")
        s += "<circle cx=\"\(f(px(i)))\" cy=\"\(f(py(v)))\" r=\"3\" fill=\"\(colour)\"><title>\(escape(line.name)) \(escape(x[i])): \(escape(NumberFormat.significant(v, digits: 6)))</title></circle>"
      }
      flush()
      let lx = left + Double(k % perRow) * column
      let ly = top + plotHeight + 36 + Double(k / perRow) * 18
      s += "<rect x=\"\(f(lx))\" y=\"\(f(ly - 9))\" width=\"12\" height=\"4\" fill=\"\(colour)\"/>"
      s += "<text x=\"\(f(lx + 16))\" y=\"\(f(ly - 4))\">\(escape(line.name))</text>"
    }
    return s + "</svg>"
  }

  static func heatmap(_ chart: ReportChart, rows: [String], columns: [String], values: [[Double?]], legend: String, _ t: any ReportCatalogue) -> String {
    let charWidth = 6.6
    let rowLabels = rows.map { String($0.prefix(40)) }
    let columnLabels = columns.map { String($0.prefix(40)) }
    let labelWidth = (rowLabels.map(textWidth).max() ?? 4 * charWidth) + 10
    let cell = max(16.0, min(32.0, 560 / Double(max(columns.count, 1))))
    // Column labels are rotated by −60°: they rise by sin 60° and lean right by cos 60° of their length.
    let longest = columnLabels.map(textWidth).max() ?? 4 * charWidth
    let header = longest * 0.87 + 12
    let lean = (columnLabels.last.map { textWidth($0) * 0.5 } ?? 0)
    let width = max(labelWidth + cell * Double(columns.count) + max(10, lean - cell * 0.5) + 10, 360)
    let height = header + cell * Double(rows.count) + 44
    let maximum = values.flatMap { $0.compactMap { $0 } }.max() ?? 0
    var s = open(chart, width: width, height: height, t)
    for (j, c) in columnLabels.enumerated() {
      let x = labelWidth + cell * (Double(j) + 0.5)
      s += "<text transform=\"translate(\(f(x)),\(f(header - 4))) rotate(-60)\">\(escape(c))</text>"
    }
    for (i, r) in rowLabels.enumerated() {
      let y = header + cell * Double(i)
      s += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + cell / 2 + 4))\" text-anchor=\"end\">\(escape(r))</text>"
      for (j, v) in values[i].enumerated() {
        let x = labelWidth + cell * Double(j)
        let fill: String
        if let v {
          let t = maximum > 0 ? v / maximum : 0
          // White to Okabe–Ito blue.
          let red = Int((255 - t * 255).rounded())
          let green = Int((255 - t * (255 - 114)).rounded())
          let blue = Int((255 - t * (255 - 178)).rounded())
          fill = "rgb(\(red),\(green),\(blue))"
        } else {
          fill = "#eeeeee"
        }
        let label = v.map { NumberFormat.significant($0, digits: 3) } ?? t.heatmapWithheld
        s += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell - 1))\" height=\"\(f(cell - 1))\" fill=\"\(fill)\"><title>\(escape(rows[i])) × \(escape(columns[j])): \(escape(label))</title></rect>"
      }
    }
    let base = header + cell * Double(rows.count)
    s += "<text x=\"4\" y=\"\(f(base + 18))\">\(escape(t.heatmapScale(legend: legend, maximum: NumberFormat.significant(maximum, digits: 3))))</text>"
    s += "<text x=\"4\" y=\"\(f(base + 34))\">\(escape(t.heatmapGrey))</text>"
    return s + "</svg>"
  }

  /// Whether a Gantt chart's time axis is logarithmic: the horizon is over two days and
  /// the earliest onset within its first twentieth (on a linear axis it would be a few
  /// pixels from the start).
  static func logarithmicTime(intervals: [[(start: Double, end: Double?)]], horizon: Double) -> Bool {
    guard horizon > 48, let first = intervals.flatMap({ $0.map(\.start) }).min() else { return false }
    return first < horizon / 20
  }

  static func gantt(
    _ chart: ReportChart, rows: [String], intervals: [[(start: Double, end: Double?)]], horizon: Double, unit: String,
    why: [String], _ t: any ReportCatalogue
  ) -> String {
    let labelWidth = (rows.map { textWidth(String($0.prefix(40))) }.max() ?? 4 * 6.6) + 10
    let width = 640.0
    let rowHeight = 20.0
    let top = 8.0
    let plotWidth = width - labelWidth - 16
    let height = top + rowHeight * Double(rows.count) + 40
    let logarithmic = logarithmicTime(intervals: intervals, horizon: horizon)
    func scale(_ t: Double) -> Double { logarithmic ? log1p(t) : t }
    func px(_ t: Double) -> Double { labelWidth + plotWidth * scale(min(max(t, 0), horizon)) / max(scale(horizon), 1e-9) }
    var s = open(chart, width: width, height: height, t)
    var ticks: [Double] = []
    if logarithmic {
      // Hours, then days and weeks: 0, 1, 3, 6, 12 h, 1, 2, 3 days, 1, 2 weeks, 30, 60, 90 days, a year.
      ticks = [0, 1, 3, 6, 12, 24, 48, 72, 168, 336, 720, 1440, 2160, 4320, 8760].filter { $0 <= horizon + 1e-9 }
    } else {
      let step = niceStep(horizon, count: 8)
      var tick = 0.0
      while tick <= horizon + 1e-9 {
        ticks.append(tick)
        tick += step
      }
    }
    for tick in ticks {
      s += "<line x1=\"\(f(px(tick)))\" y1=\"\(f(top))\" x2=\"\(f(px(tick)))\" y2=\"\(f(top + rowHeight * Double(rows.count)))\" stroke=\"#ddd\"/>"
      s += "<text x=\"\(f(px(tick)))\" y=\"\(f(top + rowHeight * Double(rows.count) + 14))\" text-anchor=\"middle\">\(escape(NumberFormat.significant(tick, digits: 6)))</text>"
    }
    s += "<text x=\"\(f(labelWidth + plotWidth / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(escape(logarithmic ? t.logarithmicAxis(unit) : unit))</text>"
    for (i, r) in rows.enumerated() {
      let y = top + rowHeight * Double(i)
      s += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 14))\" text-anchor=\"end\">\(escape(String(r.prefix(40))))</text>"
      for iv in intervals[i] {
        let x0 = px(iv.start)
        let x1 = px(iv.end ?? horizon)
        let what = t.ganttBar(
          row: r, from: NumberFormat.significant(iv.start, digits: 4), to: iv.end.map { NumberFormat.significant($0, digits: 4) },
          horizon: NumberFormat.significant(horizon, digits: 4), unit: unit)
          + (i < why.count && !why[i].isEmpty ? t.sentenceBreak + why[i] : "")
        s += "<rect x=\"\(f(x0))\" y=\"\(f(y + 3))\" width=\"\(f(max(1.5, x1 - x0)))\" height=\"\(f(rowHeight - 6))\" fill=\"\(iv.end == nil ? "#D55E00" : "#0072B2")\"><title>\(escape(what))</title></rect>"
      }
    }
    return s + "</svg>"
  }

  static func dendrogram(_ chart: ReportChart, leaves: [String], merges: [(left: Int, right: Int, height: Double)], order: [Int], axis: String, _ t: any ReportCatalogue) -> String {
    let n = leaves.count
    let labelWidth = (leaves.map { textWidth(String($0.prefix(40))) }.max() ?? 4 * 6.6) + 10
    let width = 640.0
    let rowHeight = 18.0
    let top = 8.0
    let plotWidth = width - labelWidth - 24
    let height = top + rowHeight * Double(n) + 36
    let maximum = max(merges.map(\.height).max() ?? 1, 1e-9)
    // Leaves on the left at height 0, the root on the right.
    func px(_ h: Double) -> Double { labelWidth + plotWidth * h / maximum }
    var y = [Double](repeating: 0, count: 2 * n - 1)
    var x = [Double](repeating: labelWidth, count: 2 * n - 1)
    for (position, leaf) in order.enumerated() { y[leaf] = top + rowHeight * (Double(position) + 0.5) }
    var s = open(chart, width: width, height: height, t)
    for (position, leaf) in order.enumerated() {
      s += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(top + rowHeight * Double(position) + 13))\" text-anchor=\"end\">\(escape(String(leaves[leaf].prefix(40))))</text>"
    }
    for (i, m) in merges.enumerated() {
      let id = n + i
      let hx = px(m.height)
      y[id] = (y[m.left] + y[m.right]) / 2
      x[id] = hx
      s += "<path d=\"M\(f(x[m.left])),\(f(y[m.left]))H\(f(hx))V\(f(y[m.right]))H\(f(x[m.right]))\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"1.5\"><title>\(escape(t.dendrogramMerge(NumberFormat.significant(m.height, digits: 4))))</title></path>"
    }
    let axisY = top + rowHeight * Double(n) + 4
    s += "<line x1=\"\(f(labelWidth))\" y1=\"\(f(axisY))\" x2=\"\(f(labelWidth + plotWidth))\" y2=\"\(f(axisY))\" stroke=\"#333\"/>"
    let step = niceStep(maximum, count: 5)
    var tick = 0.0
    while tick <= maximum + 1e-9 {
      s += "<text x=\"\(f(px(tick)))\" y=\"\(f(axisY + 14))\" text-anchor=\"middle\">\(escape(NumberFormat.significant(tick, digits: 4)))</text>"
      tick += step
    }
    s += "<text x=\"\(f(labelWidth + plotWidth / 2))\" y=\"\(f(height - 4))\" text-anchor=\"middle\">\(escape(axis))</text>"
    return s + "</svg>"
  }
}
