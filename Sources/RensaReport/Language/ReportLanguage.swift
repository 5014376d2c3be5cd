import Rensa

/// The language of a report edition. Both editions carry the same numbers; only the words,
/// the labels (the dataset's `nameJa` and other `…Ja` fields in Japanese) and the
/// conventions for years differ (Docs/Report.md, "Languages").
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
  /// English (the default).
  case english = "en"
  /// Japanese, as a Japanese government report is written (the plan's own terms).
  case japanese = "ja"

  /// The BCP 47 tag of the HTML (`lang="ja"`).
  public var tag: String { rawValue }

  /// The catalogue of every sentence, label and caption in this language.
  func catalogue(fiscalYear: Bool) -> any ReportCatalogue {
    switch self {
    case .english: return EnglishCatalogue(fiscalYear: fiscalYear)
    case .japanese: return JapaneseCatalogue(fiscalYear: fiscalYear)
    }
  }
}

/// A kind of record whose text a dataset may give in one language only.
enum RecordKind: Sendable, Hashable {
  case sector, asset, service, threat, scenario, scenarioDescription, topic, provenance
}

/// The year an incident counts in: the calendar year, or the Japanese fiscal year (年度,
/// 1 April to 31 March, named after the year it starts in).
enum CountingYear {
  static func of(_ day: CalendarDay, fiscal: Bool) -> Int { fiscal && day.month < 4 ? day.year - 1 : day.year }
  /// The quarter of its counting year, 1–4: January–March is the first of a calendar
  /// year, April–June the first of a fiscal year (第1四半期).
  static func quarter(of day: CalendarDay, fiscal: Bool) -> Int { ((day.month - 1 + (fiscal ? 9 : 0)) % 12) / 3 + 1 }
}
