// Benchmarks of the annual report: the built-in nisc-2009 (S) and seeded scaled-up
// datasets (M: 10,000 assets, 100,000 dependencies, 5,000 incidents; L is measured by
// hand with `rensa-bench generate-dataset` and `rensa report`, Docs/Report.md, Scale: it
// takes about a minute and a half). The time covers building every chapter and the
// three renderings; Disclosure-* the report's disclosure control alone. Names contain no
// spaces or slashes.

import Benchmark
import Foundation
import Rensa
import RensaReport
import RensaBenchmarkSupport
import RensaWorkloads

let benchmarks: @Sendable () -> Void = {
  useRensaBenchmarkDefaults()

  // GraphML with many attributes per element (issue 19): 2,000 nodes with 200 attributes
  // each, 4,000 edges. libxml2 checks an element's attributes pairwise; the reader's
  // linear pre-scan refuses floods above 256, so this stays linear in the file.
  benchmarkWithWorkload("GraphML-attributes-M", { () -> Data in
    var text = "<?xml version=\"1.0\"?>\n<graphml><graph edgedefault=\"directed\">\n"
    let attributes = (0..<200).map { " a\($0)=\"v\($0)\"" }.joined()
    for v in 0..<2_000 { text += "<node id=\"n\(v)\"\(attributes)/>\n" }
    for e in 0..<4_000 { text += "<edge source=\"n\(e % 2_000)\" target=\"n\((e * 7 + 1) % 2_000)\"/>\n" }
    return Data((text + "</graph></graphml>\n").utf8)
  }) { data -> Int in
    try GraphMLReader.parse(data, file: "bench.graphml").dependencies.count
  }

  var settings = ReportOptions()
  settings.trials = 500
  let options = settings
  let small: @Sendable () -> Dataset = { BuiltinDatasets.nisc2009() }
  let medium: @Sendable () -> Dataset = { ScaledDataset.make(assets: 10_000, dependencies: 100_000, incidents: 5_000, seed: 1) }
  for (label, make) in [("S", small), ("M", medium)] {
    benchmarkWithWorkload("Report-\(label)", make) { dataset -> Int in
      let report = try AnnualReport.build(dataset: dataset, options: options)
      return report.html.utf8.count + report.markdown.text.utf8.count + report.jsonText.utf8.count
    }
    // The disclosure control alone (primary and secondary suppression of every year,
    // CLEAR and GREEN decided together, and the audit): it must stay under a tenth of
    // the report (issue 18).
    // As the report of the latest year uses it: GREEN, the five years it shows.
    // The redundancy audit of the dataset (issue 22): every product, vendor, site and
    // hazard zone the assets share (ScaledDataset gives every asset a site and products),
    // then with every single upstream node too. Reading the file is not included.
    benchmarkWithWorkload("CommonModes-dataset-\(label)", make) { dataset -> Int in
      CommonModes(dataset: dataset, upstream: false).findings.count
    }
    benchmarkWithWorkload("CommonModes-upstream-dataset-\(label)", make) { dataset -> Int in
      CommonModes(dataset: dataset, upstream: true).upstream.count
    }
    benchmarkWithWorkload("Disclosure-\(label)", make) { dataset -> Int in
      let last = dataset.incidents.map(\.occurred.year).max() ?? 0
      let disclosure = try ReportDisclosure(
        visible: dataset.incidents.filter { $0.sharing <= .green && $0.occurred.year > last - 5 }, audience: .green,
        rule: CellSuppression.Rule())
      return disclosure.audit.count
    }
  }
}
