// Benchmarks of the annual report: the built-in nisc-2009 (S) and seeded scaled-up
// datasets (M: 10,000 assets, 100,000 dependencies, 5,000 incidents; L is measured by
// hand with `rensa bench generate-dataset` and `rensa report`, Docs/Report.md, Scale: it
// takes about a minute and a half). The time covers building every chapter and the
// three renderings; Disclosure-* the report's disclosure control alone. Names contain no
// spaces or slashes.

import Benchmark
import Rensa
import RensaBenchmarkSupport

let benchmarks: @Sendable () -> Void = {
  useRensaBenchmarkDefaults()

  var settings = ReportOptions()
  settings.trials = 500
  let options = settings
  let small: @Sendable () -> Dataset = { BuiltinDatasets.nisc2009() }
  let medium: @Sendable () -> Dataset = { ScaledDataset.make(assets: 10_000, dependencies: 100_000, incidents: 5_000, seed: 1) }
  for (label, make) in [("S", small), ("M", medium)] {
    benchmarkWithWorkload("Report-\(label)", make) { dataset -> Int in
      let report = try AnnualReport.build(dataset: dataset, options: options)
      return report.html.utf8.count + report.markdown.text.utf8.count + report.json.serialized().utf8.count
    }
    // The disclosure control alone (primary and secondary suppression of every year,
    // CLEAR and GREEN decided together, and the audit): it must stay under a tenth of
    // the report (issue 18).
    // As the report of the latest year uses it: GREEN, the five years it shows.
    benchmarkWithWorkload("Disclosure-\(label)", make) { dataset -> Int in
      let last = dataset.incidents.map(\.occurred.year).max() ?? 0
      let disclosure = try ReportDisclosure(
        visible: dataset.incidents.filter { $0.sharing <= .green && $0.occurred.year > last - 5 }, audience: .green,
        rule: CellSuppression.Rule())
      return disclosure.audit.count
    }
  }
}
