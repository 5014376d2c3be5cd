import InternalRensaUtilities
import Rensa

/// Every sentence, label and caption of the report in Japanese, in the style of a Japanese
/// government report (である調) and in the plan's own terms: 重要インフラ, IT障害, 検証レベル,
/// 相互依存性解析, 共通脅威分析, 分野横断的演習, CEPTOAR; the four threat types as the plan
/// names them (意図的要因, 非意図的要因, 災害や疾病, 他分野の障害からの波及).
struct JapaneseCatalogue: ReportCatalogue {
  let fiscalYear: Bool

  // MARK: Conventions

  var language: ReportLanguage { .japanese }
  var languageName: String { "日本語" }
  func year(_ y: Int) -> String { fiscalYear ? "\(y)年度" : "\(y)年" }
  func years(from a: Int, to b: Int) -> String { fiscalYear ? "\(a)〜\(b)年度" : "\(a)〜\(b)年" }
  func yearReported(_ y: Int) -> String { fiscalYear ? "\(y)年度（\(y)年4月1日〜\(y + 1)年3月31日）" : "\(y)年" }
  var periodName: String { fiscalYear ? "年度（4月1日〜翌年3月31日）" : "暦年（1月〜12月）" }
  var noDataLabel: String { "データなし" }
  func list(_ items: [String]) -> String { items.joined(separator: "、") }
  func sentences(_ items: [String]) -> String { items.joined() }
  func truncatedList(_ names: [String], limit: Int) -> String {
    names.count <= limit ? list(names) : list(Array(names.prefix(limit - 1))) + "ほか\(ReportValue.grouped(names.count - limit + 1))件"
  }
  func leadingList(_ names: [String], shown: Int) -> String {
    let head = list(Array(names.prefix(shown)))
    return names.count > shown ? head + "ほか\(ReportValue.grouped(names.count - shown))件" : head
  }
  func threatType(_ t: ThreatType) -> String {
    switch t {
    case .intentional: return "意図的要因"
    case .unintentional: return "非意図的要因"
    case .disaster: return "災害や疾病"
    case .spillover: return "他分野の障害からの波及"
    }
  }
  func topicStatus(_ s: TopicStatus) -> String {
    switch s {
    case .planned: return "計画"
    case .inProgress: return "実施中"
    case .completed: return "完了"
    case .dropped: return "中止"
    }
  }
  func weightUnit(_ unit: String) -> String {
    switch unit {
    case "user-hours": return "利用者・時間"
    case "node-hours": return "ノード・時間"
    default: return unit
    }
  }
  func moneyUnit(_ unit: String) -> String {
    switch unit.lowercased() {
    case "million jpy", "million yen", "百万円": return "百万円"
    default: return unit
    }
  }
  func title(ofSection id: String) -> String {
    switch id {
    case "summary": return "概要"
    case "indicators": return "指標"
    case "interdependency": return "相互依存性解析（静的解析）"
    case "dynamic": return "相互依存性解析（動的解析）"
    case "restoration": return "復旧の優先順位"
    case "inoperability": return "機能不全（インオペラビリティ）"
    case "common-threats": return "共通脅威分析"
    case "common-modes": return "潜在的な共通要因"
    case "changes": return "前年からの変化"
    case "methods": return "手法及び出典"
    default: return id
    }
  }
  func recordKind(_ k: RecordKind) -> String {
    switch k {
    case .sector: return "重要インフラ分野"
    case .asset: return "重要システム・資産"
    case .service: return "重要インフラサービス"
    case .threat: return "脅威"
    case .scenario: return "シナリオ名"
    case .scenarioDescription: return "シナリオの説明"
    case .topic: return "分析テーマ"
    case .provenance: return "データセットの出典"
    }
  }
  var columnIndicator: String { "指標" }
  var columnSector: String { "分野" }
  var columnThreatType: String { "脅威の類型" }
  var columnChange: String { "増減" }
  var total: String { "合計" }
  var nobody: String { "なし" }
  var itemValueColumns: [String] { ["項目", "値"] }

  // MARK: Document

  func reportTitle(year: Int, dataset: String) -> String { "共通脅威分析 \(self.year(year))：\(dataset)" }
  func warningNoData(year: Int, audience: SharingScope) -> String {
    "\(self.year(year))のIT障害事例で TLP:\(audience.rawValue) の読者が閲覧できるものはない。同年の件数は「データなし」（0件ではない）と表示し、"
      + "事例に基づく各章では\(self.year(year))について記述しない。"
  }
  func caveatSyntheticHistory(dataset: String) -> String {
    "\(dataset) の事例履歴は合成データ（手法の説明のために生成したもの）である。これに基づく件数、推移及び共通脅威の分析結果は"
      + "手法を例示するものであり、実際の事象を示すものではない。合成データを用いる章ではその旨を記す。"
  }
  func caveatSuppression(audience: SharingScope, k: Int, dominance: String?) -> String {
    "本報告書は TLP:\(audience.rawValue) である。これより上位の区分の記録は用いず、事業者名は記載しない。"
      + "報告した組織が\(k)未満の件数\(dominance.map { "、又は一組織が事例の\($0)％を超えて占める件数" } ?? "")は秘匿（「x」で表示）し、"
      + "合計、他の表、他の年又は他の版（CLEAR 版及び GREEN 版）から秘匿した件数が算出できる件数も併せて秘匿する。監査の結果は「手法及び出典」の章に示す。"
  }
  var syntheticSection: String { "合成データ：本章の事例は生成したものであり、実際の報告ではない。" }
  var caveatLabel: String { "留意事項：" }
  var noteLabel: String { "注：" }
  var contentsLabel: String { "目次" }
  var countedLabel: String { "計上対象：" }
  var withheldTooltip: String { "秘匿（開示制御による）" }
  var noDataTooltip: String { "この期間の記録なし" }
  func noDataFor(year: Int) -> String { "\(self.year(year))はデータなし。" }

  // MARK: Charts

  var heatmapWithheld: String { "秘匿又は該当なし" }
  func heatmapScale(legend: String, maximum: String) -> String { "\(legend)（色が濃いほど多い。最大 \(maximum)）" }
  var heatmapGrey: String { "灰色：該当なし又は秘匿" }
  func ganttBar(row: String, from: String, to: String?, horizon: String, unit: String) -> String {
    "\(row)：\(from)から" + (to.map { "\($0)まで停止" } ?? "\(horizon)以降も停止") + "（\(unit)）"
  }
  func dendrogramMerge(_ height: String) -> String { "結合距離 \(height)" }

  // MARK: Summary

  func summaryNoData(year: Int, previous: String) -> String {
    "\(self.year(year))のIT障害事例は本報告書で利用できない（データなし。\(self.year(year - 1))は\(previous)件）。"
  }
  func summaryWithheld(year: Int, previous: String) -> String {
    "\(self.year(year))に検証レベルを逸脱したIT障害の件数は、開示制御により秘匿する（\(self.year(year - 1))は\(previous)件）。"
  }
  func summaryTotal(year: Int, total: String, sectors: Int, previous: String) -> String {
    "\(self.year(year))に報告された、検証レベルを逸脱したIT障害は\(sectors)分野で計\(total)件であった（\(self.year(year - 1))は\(previous)件）。"
  }
  func summaryMostFrequent(causes: [String], count: Int, partial: Bool) -> String {
    let lead = partial ? "件数を公表する要因のうち、最も多かったのは" : "要因別に最も多かったのは"
    return causes.count == 1
      ? "\(lead)\(causes[0])（\(count)件）であった。"
      : "\(lead)\(list(causes))（同数、各\(count)件）であった。"
  }
  func summaryCritical(sectors: [String], failing: Int, dependents: Int) -> String {
    let reach = "他分野の\(failing)ノードが確実に機能を停止する（バックアップが機能しない場合は\(dependents)ノードが影響を受ける）"
    return sectors.count == 1
      ? "最も重要度の高い分野は\(sectors[0])であり、同分野がその重要システム・資産とともに停止すると、\(reach)。"
      : "\(sectors.count)分野（\(list(sectors))）が同順位で最も重要度が高く、いずれかがその重要システム・資産とともに停止すると、\(reach)。"
  }
  func summaryLoops(_ n: Int) -> String { "依存関係モデルには相互依存のループが\(n)個ある。" }
  func summaryScenario(_ name: String, down: Int, of total: Int) -> String {
    "シナリオ「\(name)」では、\(total)分野のうち\(down)分野でサービスが停止する。"
  }
  var headlineExceeded: String { "検証レベルを逸脱したIT障害" }
  func headlineOfWhich(_ type: String) -> String { "うち\(type)" }
  var headlineTopics: String { "分析テーマ（完了／計画）" }
  func headlineCaption(year: Int) -> String { "主要指標（\(self.year(year))及び\(self.year(year - 1))）" }
  var headlineBase: String { "検証レベルを逸脱したIT障害事例（分析テーマの行は分析テーマ数）" }
  var summaryComparisonWarning: String {
    "これらの件数により事業者間又は分野間を比較することは適切ではない（行動計画自身の注意）。件数は各分野の報告の範囲と規模に左右される。"
      + "件数の増減のみでなく、その意味を読み取られたい。"
  }

  // MARK: Key findings, notes, notable incidents

  var keyFindingsHeading: String { "主な分析結果" }
  var keyFindingsRules: String {
    "定めた規則（Docs/Report.md）により抽出し、順位を付けた：依存関係の構造の新たな変化、新たな波及経路、影響範囲が最も広いシナリオ、"
      + "最も多くの分野に及んだ脅威、公表した件数の最大の変化、件数の割合に比べ影響の割合が最も大きい要因、最も重要度の高い分野の順。同順位のものは同順位として示す。"
  }
  func findingNewLoops(_ n: Int, largest: Int, nodes: String) -> String {
    "前年から相互依存のループが\(n)個生じた。最大のものは\(largest)ノード（\(nodes)）からなる。"
  }
  func findingNewSinglePoints(_ n: Int, example: String, causes: String) -> String {
    "前年から\(n)ノードに新たな単一障害点が生じた。例えば\(example)は、\(causes)の停止のみで停止するようになった。"
  }
  func findingNewSpillovers(_ pairs: [(String, String)], year: Int) -> String {
    "\(self.year(year - 1))にはなく\(self.year(year))に報告された波及経路が\(pairs.count)件ある："
      + truncatedList(pairs.map { "\($0.0) → \($0.1)" }, limit: 5) + "。"
  }
  func findingWidestScenario(_ names: [String], sectors: Int, of total: Int) -> String {
    names.count == 1
      ? "影響範囲が最も広いシナリオは「\(names[0])」であり、\(total)分野のうち\(sectors)分野でサービスが停止する。"
      : "\(names.count)つのシナリオ（\(names.map { "「\($0)」" }.joined(separator: "、"))）が同順位で影響範囲が最も広く、いずれも\(total)分野のうち\(sectors)分野でサービスが停止する。"
  }
  func findingMostCommonThreat(_ names: [String], sectors: Int, of total: Int, year: Int) -> String {
    names.count == 1
      ? "\(self.year(year))に最も多くの分野に及んだ脅威は\(names[0])であり、\(total)分野のうち\(sectors)分野に及んだ。"
      : "\(self.year(year))に最も多くの分野に及んだ脅威は\(names.count)件が同順位（\(truncatedList(names, limit: 5))）であり、いずれも\(total)分野のうち\(sectors)分野に及んだ。"
  }
  func findingLargestChange(_ items: [(String, Int, Int)], year: Int) -> String {
    func one(_ i: (String, Int, Int)) -> String { "\(i.0)：\(i.1)件 → \(i.2)件（\(i.2 >= i.1 ? "+" : "")\(i.2 - i.1)）" }
    return items.count == 1
      ? "\(self.year(year - 1))から\(self.year(year))にかけて公表した件数で最も大きく変化したのは、\(one(items[0]))である。"
      : "\(self.year(year - 1))から\(self.year(year))にかけて公表した件数で最も大きく変化したものは同順位で、"
        + items.prefix(5).map(one).joined(separator: "、") + (items.count > 5 ? "、…" : "") + "である。"
  }
  func findingImpactConcentration(_ items: [(String, String, String)], year: Int) -> String {
    func one(_ i: (String, String, String)) -> String { "\(i.0)は件数の\(i.2)%で利用者・時間の\(i.1)%を占める" }
    return items.count == 1
      ? "件数と影響の大きさは一致しない。\(self.year(year))には、\(one(items[0]))。"
      : "件数と影響の大きさは一致しない。\(self.year(year))には、同順位で、" + items.map(one).joined(separator: "、") + "。"
  }
  func findingMostCritical(_ sectors: [String], failing: Int) -> String {
    sectors.count == 1
      ? "最も重要度の高い分野は\(sectors[0])であり、同分野とともに他分野の\(failing)ノードが確実に停止する。"
      : "\(sectors.count)分野（\(list(sectors))）が同順位で最も重要度が高く、いずれも他分野の\(failing)ノードが確実に停止する。"
  }
  var notesHeading: String { "分析担当者による所見と提言" }
  var notesNote: String { "分析担当者が記述したものをそのまま掲載した（rensa report --notes）。Rensa が算出したものではない。" }
  var notableHeading: String { "主な事例" }
  func notableWithheld(audience: SharingScope) -> String {
    "個々の事例の紹介は AMBER 版に掲載する。AMBER 未満では一つの事例は一組織からの報告件数に当たり、TLP:\(audience.rawValue) の開示規則により秘匿される。"
  }
  func notableNone(year: Int) -> String { "\(self.year(year))に検証レベルを逸脱した事例はない。" }
  func notableIntroduction(_ n: Int, of total: Int) -> String {
    "本年に検証レベルを逸脱した\(total)件のうち、影響（利用者・時間、次いで時間）の大きい\(n)件を、事業者、報告者及び識別子を除いて示す。"
  }
  func caseStudy(
    month: Int, year: Int, sector: String, type: String, threat: String?, hours: Double?, users: Int?, origin: String?, summary: String?
  ) -> String {
    var parts = ["\(year)年\(month)月、\(sector)：\(type)" + (threat.map { "（\($0)）" } ?? "")]
    if let origin { parts.append("\(origin)からの波及") }
    if let hours { parts.append("\(NumberFormat.number(hours))時間") }
    if let users { parts.append("利用者\(ReportValue.grouped(users))人に影響") }
    return parts.joined(separator: "、") + "。" + (summary ?? "")
  }

  // MARK: Indicators

  var indicatorsIntroduction: String {
    "行動計画における事業者等の対策の指標は、検証レベルを逸脱したIT障害の件数の全分野の合計である。"
      + "各表は、本報告書の読者が閲覧できる事例を発生した年ごとに計上したものである。"
  }
  var indicatorsBase: String { "検証レベルを逸脱したIT障害事例（発生年別）" }
  var indicatorsByTypeCaption: String { "検証レベルを逸脱したIT障害の件数（脅威の類型別・年別）" }
  func indicatorsNoData(years: [Int]) -> String {
    "\(list(years.map(year)))はデータなし：本報告書で利用できる事例がない。「データなし」は0件ではなく、図では欠測として表示する。"
  }
  func indicatorsTrendTitle(from a: Int, to b: Int) -> String { "検証レベルを逸脱したIT障害の件数の推移（\(years(from: a, to: b))）" }
  func indicatorsTrendAlt(from a: Int, to b: Int, year: Int, total: String) -> String {
    "\(self.year(a))から\(self.year(b))までの脅威の類型別及び合計の年間件数の折れ線。途切れは秘匿した件数又はデータのない年である。"
      + "\(self.year(year))の合計は\(total)件。"
  }
  // The plan's further categories.
  func quarter(_ q: Int) -> String {
    let months = fiscalYear ? ["4〜6月", "7〜9月", "10〜12月", "1〜3月"] : ["1〜3月", "4〜6月", "7〜9月", "10〜12月"]
    return "第\(q)四半期（\(months[q - 1])）"
  }
  func severityLevel(_ level: Int) -> String {
    let words = ["サービスの持続性又は安全性に影響なし", "ほぼ影響なし", "一定の影響が発生", "大きな影響が発生", "著しく深刻な影響が発生（危機）"]
    return "深刻度レベル\(level)：\(words[level])"
  }
  var severityNotRated: String { "深刻度の評価なし" }
  func securityProperty(_ p: SecurityProperty) -> String {
    switch p {
    case .confidentiality: return "機密性に影響"
    case .integrity: return "完全性に影響"
    case .availability: return "可用性に影響"
    }
  }
  var categoriesCaption: String { "検証レベルを逸脱したIT障害の件数（四半期別・深刻度別・影響を受けた情報セキュリティの要素別、年別）" }
  var columnCategory: String { "区分" }
  var categoriesBase: String {
    "検証レベルを逸脱したIT障害。各事例は一の四半期及び一の深刻度に計上し、影響を受けた要素にはそれぞれ計上する"
      + "（要素別の行の和は合計を上回ることがある）。深刻度レベルは Docs/Severity.md による"
  }
  // Impact-weighted statistics.
  func impactHeading(year: Int) -> String { "\(self.year(year))の影響の大きさ（利用者・時間）" }
  func impactNone(year: Int) -> String {
    "\(self.year(year))に検証レベルを逸脱したIT障害のうち、継続時間と影響を受けた利用者数の双方が報告された事例はない。"
  }
  func impactIntroduction(year: Int, reported: String?, of total: String) -> String {
    "件数による集計では、10分間の停止も1週間の停止も同じ1件として扱われる。利用者・時間（継続時間×影響を受けた利用者数）は"
      + "各事例を影響の大きさで重み付けするものであり、件数の割合は小さくとも影響の大半を占める要因や分野がありうる。"
      + (reported.map { "\(self.year(year))に検証レベルを逸脱したIT障害\(total)件のうち、継続時間と利用者数の双方が報告されたものは\($0)件である。" }
        ?? "\(self.year(year))に検証レベルを逸脱したIT障害は\(total)件である。")
      + "利用者・時間とその割合は継続時間と利用者数の双方が報告された事例によるものであり、件数とその割合はすべての事例によるものである。"
  }
  func servicesAmberOnly(audience: SharingScope) -> String {
    "重要インフラサービス別の件数はTLP:AMBER以上の版でのみ公表し、本TLP:\(audience.rawValue)版には掲載しない。"
      + "サービス別に分けると公表できないほど小さな件数が生じ、それを保護するために分野別の件数や年間の合計まで秘匿することになるためである"
      + "（Docs/Report.md「Impact-weighted statistics」）。"
  }
  func impactByCauseCaption(year: Int) -> String { "要因別の件数の割合と利用者・時間の割合（\(self.year(year))）" }
  func impactBySectorCaption(year: Int) -> String { "分野別の件数の割合と利用者・時間の割合（\(self.year(year))）" }
  var impactColumns: [String] { ["件数", "件数の割合", "利用者・時間", "利用者・時間の割合"] }
  var impactBase: String {
    "検証レベルを逸脱したIT障害。利用者・時間は継続時間（時間）×影響を受けた利用者数であり、双方が報告された事例による"
  }
  func impactNote(percent: String) -> String {
    "複数の要因をもつ事例は件数・利用者・時間ともそれぞれの要因に計上するため、要因別の行の和は合計を上回ることがある。"
      + "利用者・時間の和は、件数の公表に必要な数より少ない報告者によるもの、又は一の報告者が大半を占めるもの（p%ルール、p = \(percent)）"
      + "を秘匿（x）し、そこから当該値を\(percent)%以内の精度で推定できる和も併せて秘匿している（Docs/Report.md「Impact-weighted statistics」）。"
  }
  var servicesCaption: String { "検証レベルを逸脱したIT障害の件数（重要インフラサービス別・年別）" }
  var columnService: String { "重要インフラサービス" }
  var servicesBase: String { "検証レベルを逸脱したIT障害のうち、影響を受けた重要インフラサービスが報告されたもの" }
  var severalCausesNote: String { "複数の要因をもつ事例はそれぞれの要因に計上するため、脅威の類型別の行の和は合計を上回ることがある。" }
  var nearMissesCaption: String { "予兆・ヒヤリハットの報告件数（年別）" }
  var nearMissesRow: String { "予兆・ヒヤリハット（IT障害には計上しない）" }
  var nearMissesBase: String { "予兆・ヒヤリハット（障害に至らなかったもの）。上記のIT障害とは別に計上" }
  var indicatorsBySectorCaption: String { "検証レベルを逸脱したIT障害の件数（分野別・年別）" }
  var indicatorsComparisonWarning: String {
    "これらの件数により分野間（又は事業者間）を比較することは適切ではない。行動計画自身がその旨を述べている。"
      + "分野ごとに規模、報告の対象及び報告の方法が異なる。"
  }
  func spilloversHeading(year: Int) -> String { "他分野からの波及による障害（\(self.year(year))）" }
  func spilloversNone(year: Int) -> String {
    "\(self.year(year))に、他分野の障害からの波及によるIT障害で検証レベルを逸脱したものの報告はなかった。"
  }
  func spilloversCaption(year: Int) -> String { "他分野からの波及による障害（\(self.year(year))）：発生元の分野 → 影響を受けた分野" }
  var spilloversColumns: [String] { ["発生元の分野", "影響を受けた分野", "件数"] }
  var spilloversBase: String {
    "検証レベルを逸脱し、他分野の障害に起因したIT障害事例（主要指標の「他分野の障害からの波及」の行は同じ事例を要因別に計上したもの）"
  }
  func topicsHeading(year: Int) -> String { "分析テーマ（\(self.year(year))）：計画と完了" }
  func topicsNone(year: Int) -> String { "データセットには\(self.year(year))の分析テーマがない。" }
  func topicsCompleted(_ done: Int, of total: Int, year: Int) -> String {
    "\(self.year(year))に計画した\(total)件のテーマのうち、\(done)件が完了した。"
  }
  func topicsCaption(year: Int) -> String { "共通脅威分析のテーマ（\(self.year(year))計画）" }
  var topicsColumns: [String] { ["テーマ", "優先度", "状況", "有用との評価（事業者）"] }

  // MARK: Programme indicators (§IV-1)

  var programmeHeading: String { "情報共有及び分野横断的演習（行動計画IV-1）" }
  var programmeIntroduction: String {
    "行動計画は、情報共有を内閣官房からの情報提供の件数、CEPTOAR 内での共有の件数及び有用と評価した事業者の数により、"
      + "分野横断的演習を参加者数及び有用との評価により評価する。これらはデータセットが与える施策の統計であり、IT障害事例の件数ではないため、そのまま公表する。"
  }
  func programmeNone(from a: Int, to b: Int) -> String {
    "データセットには\(years(from: a, to: b))の情報共有及び演習の数値がない（sharingIndicators、exercises）。"
  }
  func programmeCaption(from a: Int, to b: Int) -> String { "情報共有及び分野横断的演習（\(years(from: a, to: b))）" }
  var programmeBase: String { "データセットの施策統計（IT障害事例ではない）。「データなし」はその年の数値がないもの" }
  var programmeItemsSent: String { "内閣官房からの情報提供の件数" }
  var programmeItemsShared: String { "CEPTOAR 内で共有された件数" }
  var programmeOperatorsUseful: String { "情報を有用と評価した事業者の割合" }
  var programmeExercises: String { "分野横断的演習の実施回数" }
  var programmeParticipants: String { "演習の参加者数" }
  var programmeExercisesUseful: String { "演習を有用と評価した参加者の割合" }
  var programmeIllustrative: String { "データセットが例示（illustrative）とする数値は指標の例であり、公表された数値ではない。" }

  // MARK: Interdependency

  func interdependencyIntroduction(dataset: String, dependencies: Int, sectors: Int, assets: Int) -> String {
    "\(dataset) の依存関係モデルは、\(sectors)分野及び\(assets)の重要システム・資産の間の\(dependencies)件の依存関係からなる。"
      + "行の分野が列の分野に依存する。"
  }
  var dependencyMatrixTitle: String { "分野間の直接の依存関係" }
  var dependencyMatrixAlt: String {
    "各分野（行）が他の各分野（列）に直接依存する件数のヒートマップ。重要システム・資産はその分野に含めて計上した。"
  }
  var dependencyMatrixLegend: String { "行の分野の列の分野への依存件数" }
  var closureNoDependency: String { "なし：この分野及びその重要システム・資産はモデル上の依存関係を持たない" }
  var closureCaption: String { "各分野の推移的な依存関係（重要システム・資産を含む）" }
  var closureColumns: [String] {
    ["分野", "依存先（ノード数）", "依存元（全て必須とした場合）", "同時に停止（バックアップを考慮）", "深さ", "直接又は間接に依存する分野"]
  }
  var closureBase: String {
    "分野外のノード（分野自身のノード、重要システム・資産は計上しない）。「同時に停止」：分野全体が停止したときに確実に停止するもの。"
      + "深さ：分野のノードのうち最も深いもの"
  }
  var loopsHeading: String { "相互依存のループ" }
  func loopsNone(depth: Int) -> String { "モデルに相互依存のループはない。依存関係の深さは\(depth)である。" }
  func loopsIntroduction(_ n: Int, depth: Int) -> String {
    "ループ（直接又は間接に互いに依存するノードの集まり）は\(n)個ある。依存関係の深さは、ループを1段と数えて\(depth)である。"
  }
  var loopsCaption: String { "相互依存のループ（大きい順）" }
  var loopsColumns: [String] { ["ループ", "規模", "ノード"] }
  func loopsMore(_ n: Int) -> String { "ほかに小さいループが\(n)個ある。" }
  var criticalityHeading: String { "重要度" }
  var criticalityIntroduction: String {
    "各ノードが単独で停止したときに確実に停止する他のノードの数（バックアップ（要求グループ）を考慮）の順に並べ、"
      + "全ての依存関係を必須とした場合の影響範囲を併記した。その差が冗長化の効果である。"
  }
  var criticalityCaption: String { "重要度の高いノード（上位12）" }
  var criticalityColumns: [String] { ["ノード", "同時に停止（バックアップを考慮）", "依存するノード（全て必須とした場合）"] }
  var singlePointsHeading: String { "単一障害点" }
  func singlePointsRefused(_ reason: String) -> String { "単一障害点は一覧にしていない：\(reason)。" }
  var singlePointsNone: String { "他の一つのノードの停止のみで停止するノードはない。全ての依存関係に有効なバックアップがある。" }
  var singlePointsCaption: String { "他の一つのノードの停止で停止するノード（バックアップを考慮、影響を受けやすい順）" }
  var singlePointsColumns: [String] { ["ノード", "数", "単一障害点"] }
  var criticalPairsHeading: String { "重要な組（N-2）" }
  var criticalPairsIntroduction: String {
    "重要な組とは、同時に停止すると、いずれか一方だけの停止では停止しないノードを停止させる二つのノードである。単一の障害には耐えるが二つの障害には耐えない冗長性を示す。各々単独の停止を超えて停止させるノード数の多い順に示す。（各ノードの組は rensa closure --pairs、三つ組は --k 3 で一覧できる。）"
  }
  func criticalPairsRefused(_ e: MemoryLimitExceeded) -> String {
    "重要な組は一覧にしていない：その計算の基となる単一障害の行に\(formatBytes(e.bytesNeeded))（\(e.bytesNeeded)バイト）が必要であり、メモリ上限\(formatBytes(e.limit))を超える（--memory-limit で上限を引き上げられる）。"
  }
  var criticalPairsNone: String { "いずれか一方の停止では停止しないノードを停止させる組はない。" }
  var criticalPairsCaption: String { "同時停止が各々単独の停止を超えて停止させるノード数による組の順位（代替の組と k-of-n を考慮）" }
  var criticalPairsColumns: [String] { ["組", "単独の停止を超えて停止するノード", "停止するノード（組を含む）"] }
  func pair(_ a: String, _ b: String) -> String { "「\(a)」と「\(b)」" }

  // MARK: Dynamic

  var dynamicNoScenario: String { "データセットに障害シナリオが定義されていない。" }
  var dynamicIntroduction: String {
    "各シナリオの初期障害は、影響が及ぶまでの時間（バックアップの持続時間）、遅延及び復旧時間に従って依存関係を伝わる（Docs/Cascade.md）。"
      + "棒は各分野でいずれかのノードが停止している期間を示し、赤の棒は分析期間の終わりにも停止しているものである。"
  }
  func scenarioDescription(_ description: String, source: String) -> String { description + "（出典：" + source + "）" }
  var scenarioAssumption: String { "このシナリオの値はデータセット作成者の仮定である。" }
  func ganttTitle(_ scenario: String) -> String { "\(scenario)：分野の停止の推移" }
  func ganttAlt(affected: Int, of total: Int, horizon: Double, first: [(String, Double)], more: Bool, logarithmic: Bool) -> String {
    "\(total)分野のうち\(affected)分野が\(NumberFormat.significant(horizon, digits: 4))時間以内にサービスを停止する。"
      + first.map { "\($0.0)は\(NumberFormat.significant($0.1, digits: 4))時間後から" }.joined(separator: "、")
      + (more ? "、…" : "") + "。"
      + (logarithmic ? "数時間での停止と数週間に及ぶ停止をともに示すため、時間軸は対数目盛とした。" : "")
  }
  func logarithmicAxis(_ unit: String) -> String { "\(unit)、対数目盛" }
  var sentenceBreak: String { "。" }
  func whyFailed(chain: [String], initial: Bool) -> String {
    initial ? "シナリオの初期障害" : chain.joined(separator: " → ") + " の経路で停止"
  }
  var ganttUnit: String { "シナリオ開始からの時間（時間）" }
  var dependencyCurvesHeading: String { "停止までの時間：依存曲線" }
  var dependencyCurvesIntroduction: String {
    "各ノードは、依存の連鎖が与えるバックアップの時間（閾値）を超える長さの停止で停止するため、分野の停止が停止させるノードは停止の継続時間とともに増える。曲線は、各分野の1時間から1週間の停止の間に一度でも停止するノードの数を示す。rensa cascade --sweep で、全ての継続時間について各ノードの閾値を一度に求められる。"
  }
  var dependencyCurvesTitle: String { "分野の停止の継続時間ごとの停止ノード数" }
  func dependencyCurvesAlt(sectors: Int, longest: Double, most: Int) -> String {
    "折れ線グラフ：停止の継続時間に対する停止ノード数。停止が他のノードに波及する\(sectors)分野について各1本。\(durationLabel(longest))の停止で停止するノードは最大\(most)。"
  }
  var dependencyCurvesCaption: String { "分野の停止の継続時間ごとの停止ノード数（当該分野のノードを含む）" }
  var dependencyCurvesFirstColumn: String { "停止した分野" }
  func durationLabel(_ hours: Double) -> String { "\(NumberFormat.number(hours))時間" }
  var dependencyCurvesNone: String { "どの分野の停止も、継続時間によらず他のノードに波及しない。" }
  func dependencyCurvesSkipped(timelines: Int, dependencies: Int) -> String {
    "ここでは曲線を描いていない：\(ReportValue.grouped(dependencies))件の依存関係に対する\(ReportValue.grouped(timelines))回のカスケード計算が報告書の計算量の上限（モンテカルロ計算と同じ）を超えるため。rensa cascade --sweep で全ての継続時間について一度に計算できる。"
  }
  func scenarioSectorsCaption(_ scenario: String) -> String { "\(scenario)：分野別の結果" }
  var scenarioSectorsColumns: [String] {
    ["分野", "最初の停止（時間）", "復旧（時間）", "停止ノード数", "停止ノード・時間", "影響利用者・時間", "停止の経路（最初に停止したもの）"]
  }
  var notWithinHorizon: String { "分析期間内に復旧せず" }
  func scenarioServicesCaption(_ scenario: String) -> String { "\(scenario)：重要インフラサービスと検証レベル" }
  var scenarioServicesColumns: [String] { ["サービス", "分野", "検証レベルを逸脱する時点（時間）", "判定の根拠"] }
  var levelNotCrossed: String { "逸脱しない" }
  var levelNotAssessable: String { "判定できない" }
  func serviceJudgement(_ j: ScenarioAnalysis.Judgement) -> String {
    func h(_ x: Double) -> String { "\(NumberFormat.number(x))時間" }
    switch j {
    case .notAffected: return "影響なし"
    case .shorterThanMinimum: return "停止は検証レベルの最短継続時間に達しない"
    case .anyOutage(let hours, let ongoing): return "停止が発生すれば逸脱とする。停止時間\(h(hours))\(ongoing ? "以上" : "")"
    case .sectorDown(let hours, let ongoing, let threshold, let unit):
      return "分野全体が\(h(hours))\(ongoing ? "以上" : "")停止し、\(NumberFormat.number(threshold)) \(unit)を超えるとみなした（仮定）"
    case .usersAffected(let users, let hours, _): return "利用者\(NumberFormat.number(users))人が\(h(hours))影響を受ける"
    case .usersBelow(let users, let threshold): return "影響を受ける利用者は\(NumberFormat.number(users))人で、基準の\(NumberFormat.number(threshold))人未満"
    case .noUserCounts: return "資産に利用者数の記録がない"
    case .noAmounts(let unit): return "モデルに\(unit)の量の記録がない"
    }
  }
  func servicesCrossed(_ n: Int, of total: Int) -> String { "このシナリオでは、\(total)の重要インフラサービスのうち\(n)が検証レベルを逸脱する。" }
  func monteCarloIntroduction(events: Int, trials: Int, seed: UInt64) -> String {
    "このシナリオの\(events)件の事象は発生が不確実である。\(trials)回のモンテカルロ試行（シード\(seed)）により、"
      + "分野が影響を受ける確率と、停止ノード・時間の5、50及び95パーセンタイルを下表に示す。"
  }
  func monteCarloReduced(from: Int, to: Int, dependencies: Int, halfWidth: String) -> String {
    "（依存関係\(ReportValue.grouped(dependencies))件のこのモデルを報告書の計算時間内に収めるため、試行回数を\(from)回から減らした。"
      + "確率の95％区間の幅は最大±\(halfWidth)である。）"
  }
  func monteCarloCaption(_ scenario: String) -> String { "\(scenario)：分野別のモンテカルロ推定の範囲" }
  var monteCarloColumns: [String] { ["分野", "影響を受ける確率", "停止ノード・時間 5％", "中央値", "95％"] }

  // MARK: Restoration

  func restorationIntroduction(crews: Int) -> String {
    "\(crews)班の復旧要員が同時に作業する場合に、失われるサービス時間を最小にする復旧の順序を示す。"
      + "カスケードを正確に再計算する貪欲法による順序であり、復旧対象が少ない場合は最適な順序と照合した。各順位には、それにより早く復旧するものを記す。"
  }
  func restorationCaption(_ scenario: String) -> String { "\(scenario)：復旧の順序" }
  func restorationColumns(unit: String) -> [String] { ["順位", "復旧対象", "復旧開始（時間）", "復旧完了（時間）", "短縮した\(unit)", "理由"] }
  func restorationWhy(_ r: ScenarioRestorationPriority.Rank, rank: Int, of count: Int, unit: String, name: (String) -> String) -> String {
    let others = r.nodesRestoredEarlier.filter { $0 != r.id }
    let saved = NumberFormat.number(r.hoursSaved)
    if !others.isEmpty {
      return "この順位で\(name(r.id))を復旧すると、最後に復旧する場合より他の\(others.count)ノード（\(list(others.prefix(6).map(name)))\(others.count > 6 ? "、…" : "")）が早く復旧し、\(saved)\(unit)を短縮する"
    }
    if r.hoursSaved > 0 { return "この順位で\(name(r.id))を復旧すると、\(saved)\(unit)を短縮する（自身の停止分）" }
    let waiting = r.failedDependents ?? 0
    let dependents = waiting == 0 ? "停止した他のノードで、これに依存するものはない" : "停止した\(waiting)ノードが直接又は間接にこれに依存する"
    if count == 1 { return "唯一の復旧対象であり、比較する他の順序はない。\(dependents)" }
    if rank == count - 1 { return "最後に復旧する。短縮効果は最後に復旧する場合と比べて測るため、ここでは0である。\(dependents)" }
    return "この順位で\(name(r.id))を復旧しても、最後に復旧する場合と比べた短縮はない。\(dependents)"
  }
  func restorationNotSearched(cost: String, unit: String, limit: Int) -> String {
    "この順序で失われるのは\(cost)\(unit)である。依存関係が\(ReportValue.grouped(limit))件を超えるモデルでは最適な順序を探索しない。"
  }
  func restorationCompared(cost: String, unit: String, optimal: String) -> String {
    "この順序で失われるのは\(cost)\(unit)であり、最適な順序では\(optimal)\(unit)である。"
  }
  func restorationRefused(_ reason: String) -> String { "復旧の順序を求められない：\(reason)。" }

  // MARK: Inoperability

  func inoperabilityNoSectorDependency(_ dependencies: Int) -> String {
    "このモデルは分野間の依存関係を用いるが、データセットの\(ReportValue.grouped(dependencies))件の依存関係にそれに当たるものがない"
  }
  func inoperabilityNoCoupling(_ betweenSectors: Int) -> String {
    "分野間の\(ReportValue.grouped(betweenSectors))件の依存関係のいずれにも結合係数（供給側の停止時に依存側の産出が失われる割合）がない"
  }
  func inoperabilityRefused(_ reasons: String) -> String { "モデルが入力を受け付けない（\(reasons)）" }
  func inoperabilityThroughAssets(_ n: Int) -> String {
    "\(ReportValue.grouped(n))件の依存関係は重要システム・資産を経由するもので、分野単位のモデルでは用いない"
  }
  func inoperabilityNotComputed(_ why: [String], economyGiven: Bool) -> String {
    "機能不全モデルは計算していない：\(why.joined(separator: "。また、"))。計算するには、データセットの分野間の依存関係に (0, 1] の"
      + "「coupling」（結合係数）を与えるか（Docs/DatasetFormat.md）、産業連関表を与える（rensa report --io-table FILE --io-sectors FILE）。"
      + (economyGiven ? "以下の経済的損失は、与えられた産業連関表によるものである。" : "")
  }
  func inoperabilityIntroduction(economyGiven: Bool) -> String {
    "レオンチェフ型機能不全モデル q = A*q + c* による。A* はデータセットの分野間の結合係数から作る（Docs/Inoperability.md）。"
      + "シナリオの摂動 c* は、分野ごとに、初期障害によりその分野（又はその重要システム・資産。各資産は分野の等分の割合とする）が"
      + "停止する時間の分析期間に対する割合を、発生確率で重み付けしたものである。"
      + (economyGiven ? "" : "産業連関表が与えられていないため、経済的損失は計算していない（rensa report --io-table）。")
  }
  func inoperabilityCaption(_ scenario: String) -> String { "\(scenario)：分野別の均衡機能不全度" }
  var inoperabilityColumns: [String] { ["分野", "摂動 c*", "機能不全度 q"] }
  func inoperabilitySaturated(_ n: Int, scenario: String) -> String {
    "\(scenario)では\(n)分野が完全に機能不全（q = 1）となる。線形モデルではそこで1を超えるため、上限付きモデル q = min(1, A*q + c*) を解いた。"
  }
  var economicHeading: String { "経済的損失" }
  func economicIntroduction(origin: String, industries: Int, unit: String) -> String {
    "産業連関表 \(origin)（\(industries)部門、\(unit)）による経済的損失である。ある分野の h 時間の停止（上記と同じく確率と資産の割合で重み付け）は、"
      + "その分野が属する部門の年間産出額の h / 8,760 に、各部門におけるその分野の割合（対応表）を乗じたものを失わせる。"
      + "表のモデルの均衡 q = A*q + c* によりこれが波及し、各部門は q × 総産出額を失う。損失は1年間の産出額に対するもので、単位は\(unit)である。"
  }
  var economicAssumptions: String {
    "対応表の割合の一部は作成者の仮定であり、出典のある数値ではない。損失額は手法と規模感を示すものであり、引用すべき推計値ではない。"
  }
  func economicUnmapped(_ sectors: [String]) -> String { "対応表に部門のない分野は損失に寄与しない：" + list(sectors) + "。" }
  var economicNoScenario: String { "産業連関表の部門に摂動を与えるシナリオはない。" }
  func economicLossCaption(_ scenario: String, unit: String) -> String { "\(scenario)：部門別の経済的損失（\(unit)）" }
  func economicLossColumns(unit: String) -> [String] { ["部門", "摂動 c*", "機能不全度 q", "損失（\(unit)）"] }
  func economicScenariosCaption(unit: String) -> String { "経済的損失の合計によるシナリオの順位（\(unit)）" }
  var economicScenariosColumns: [String] { ["シナリオ", "直接損失", "総損失", "総損失／直接損失"] }

  // MARK: Common threats

  func commonThreatsNoIncident(year: Int) -> String {
    "\(self.year(year))の事例でこの読者が閲覧できるものはない。共通脅威の分析結果はない。"
  }
  func commonThreatsSuppressed(k: Int) -> String {
    "開示制御により秘匿した分野・脅威別の件数（報告した組織が\(k)未満のもの、又はそれを保護するためのもの）は、この分析から除いた。"
      + "分析はこの読者が閲覧できるもののみを用いる。脅威を「新規」とするのは、それ以前の件数が全て0の場合に限る。"
  }
  func commonThreatsIntroduction(year: Int) -> String {
    "\(self.year(year))の事例の脅威（脅威カタログによる）により分野を比較した（有無に基づくJaccard距離、群平均法、葉の最適順序付け）。"
      + "多くの分野に及ぶ脅威が共通脅威である。"
  }
  func reachCaption(year: Int) -> String { "\(self.year(year))に及んだ分野の数による脅威の順位" }
  var reachColumns: [String] { ["脅威", "分野数", "割合", "件数", "分野"] }
  func reachBase(suppressed: Bool) -> String {
    suppressed
      ? "その脅威による報告事例（検証レベルを問わない）。公表した分野別の件数による（秘匿した件数は除く）"
      : "その脅威による報告事例（検証レベルを問わない）"
  }
  func cooccurringNone(year: Int) -> String { "\(self.year(year))に二つ以上の分野で同時に発生した脅威の組合せはない。" }
  func cooccurringCaption(year: Int) -> String { "同じ分野で同時に発生した脅威（\(self.year(year))）" }
  var cooccurringColumns: [String] { ["脅威", "分野数", "リフト", "分野"] }
  var liftExplanation: String { "リフトが1を超える組合せは、それぞれの頻度から予想されるより多く同時に発生している。" }
  func threatHeatmapTitle(year: Int) -> String { "分野別・脅威別の事例件数（\(self.year(year))）" }
  func threatHeatmapAlt(year: Int) -> String {
    "\(self.year(year))の各分野（行）の各脅威（列）による報告事例（検証レベルを問わない）の件数のヒートマップ。白は該当なし、灰色は秘匿。"
  }
  var threatHeatmapLegend: String { "報告事例の件数（検証レベルを問わない）" }
  func dendrogramTitle(year: Int) -> String { "共通する脅威による分野のクラスタリング（\(self.year(year))）" }
  func dendrogramAlt(clusters: [[String]]) -> String {
    "脅威の集合のJaccard距離（群平均法）による分野の樹形図。クラスタ：" + clusters.map { "｛\(list($0))｝" }.joined(separator: "、") + "。"
  }
  var dendrogramAxis: String { "Jaccard距離（群平均法）" }
  var newHeading: String { "本年の新たな脅威" }
  func newThisYear(year: Int, threats: [String], reach: [(String, String)]) -> String {
    (threats.isEmpty ? "\(self.year(year))に初めて現れた脅威はない。" : "\(self.year(year))に初めて現れた脅威：\(list(threats))。")
      + (reach.isEmpty
        ? "既知の脅威が新たな分野に及んだ例はない。"
        : "既知の脅威が初めて及んだ分野：" + list(reach.map { "\($0.0) → \($0.1)" }) + "。")
  }
  var commonModeHeading: String { "ベンダー・製品に起因する共通要因" }
  var commonModeNone: String { "脅威カタログには、二つ以上の分野で用いられる製品の記載はない。" }
  var commonModeCaption: String { "脅威カタログが二つ以上の分野について挙げる製品" }
  var commonModeColumns: [String] { ["製品", "分野数", "分野"] }
  func vulnerabilitiesHeading(year: Int) -> String { "\(self.year(year))に登録された脆弱性" }
  func vulnerabilitiesNone(year: Int) -> String {
    "脅威カタログには、\(self.year(year))に公表されたCVEの記載はない。この項を充実させるには、アドバイザリ（rensa import csaf）及びCISAのKEVカタログを取り込む。"
  }
  func vulnerabilitiesCaption(year: Int, shown: Int, total: Int) -> String {
    "\(self.year(year))に公表されたCVEを伴う脅威カタログの項目（CVSSの高い順）" + (shown < total ? "（\(total)件中\(shown)件）" : "")
  }
  var vulnerabilitiesColumns: [String] { ["脅威", "CVE", "CVSSの最大値", "KEV掲載", "分野"] }
  var identifiersHeading: String { "IT障害の報告に現れた悪用された脆弱性、攻撃手法及び製品" }
  func identifiersNone(year: Int) -> String {
    "\(self.year(year))のIT障害の報告には、CVE、ATT&CKの攻撃手法又は製品の記載はない。"
  }
  func identifiersIntroduction(year: Int) -> String {
    "\(self.year(year))のIT障害の報告（予兆・ヒヤリハットを除く。）に記載されたCVE、ATT&CKの攻撃手法及び製品を、記載した報告の件数の多い順に、及んだ全ての分野とともに示す。本版はTLP:AMBER以上であり、AMBER未満ではこれらを公表しない。"
  }
  func identifiersNoneShown(kind: IncidentIdentifier.Kind, year: Int) -> String {
    "\(self.year(year))のIT障害の報告には、" + (kind == .cve ? "CVE" : kind == .technique ? "ATT&CKの攻撃手法" : "製品") + "の記載はない。"
  }

  var identifierBase: String { "当該項目を記載した報告の件数（予兆・ヒヤリハットを除く。）。分野：事業者が報告した分野" }
  func exploitedCaption(year: Int) -> String { "\(self.year(year))のIT障害の報告に現れた悪用された脆弱性（件数順）" }
  var exploitedColumns: [String] { ["CVE", "KEV掲載", "件数", "分野数", "分野"] }
  func kevMark(added: String, ransomware: Bool) -> String { "\(added)掲載" + (ransomware ? "・ランサムウェア" : "") }
  var notInKEV: String { "未掲載" }
  var kevNotGiven: String { "KEVカタログが与えられていない（rensa report --kev FILE）ため、各CVEが悪用の確認されたものかどうかは示さない。" }
  func techniquesCaption(year: Int) -> String { "\(self.year(year))のIT障害の報告に現れたATT&CKの攻撃手法（分野数順）" }
  var techniquesColumns: [String] { ["攻撃手法", "名称", "分野数", "件数", "分野"] }
  func productsInIncidentsCaption(year: Int) -> String { "\(self.year(year))のIT障害の報告に記載された製品" }
  var productsInIncidentsColumns: [String] { ["製品", "件数", "分野数", "分野", "KEV掲載数"] }
  var inventoryNone: String {
    "モデルの資産には製品又はベンダーの記載がない（Docs/DatasetFormat.md、assets）ため、資産構成に基づく共通要因は示せない。"
  }
  func inventorySharedNone(assets: Int) -> String {
    "\(assets)件の資産が製品又はベンダーを記載しているが、二つ以上の分野で用いられる製品はない。"
  }
  func inventorySharedCounted(products: Int, vendors: Int, widest: Int) -> String {
    "モデルの資産が二つ以上の分野で共有する製品は\(products)件、ベンダー・サービス事業者は\(vendors)件である（最も広いものは\(widest)分野にわたる。）。その名称と所在はTLP:AMBER版で示す。AMBER未満では、どのシステムが何を用いているかを示さない。"
  }
  func navigatorName(year: Int) -> String { "\(self.year(year))のIT障害の報告に現れた攻撃手法（分野数）" }
  func navigatorChangeName(year: Int) -> String { "IT障害の報告に現れた攻撃手法：\(self.year(year))と\(self.year(year - 1))の比較" }
  func navigatorDescription(year: Int, change: Bool, marking: String, k: Int?) -> String {
    (change ? "スコア：\(self.year(year))に及んだ分野数から\(self.year(year - 1))の分野数を引いた値。" : "スコア：\(self.year(year))に及んだ分野数。")
      + (k.map { "分野は、\($0)者以上の事業者が当該攻撃手法を報告したものに限り数える。件数を公表しない攻撃手法は含めない。" } ?? "")
      + "共通脅威分析の年次報告（Rensa）による。\(marking)：その区分が許す範囲で共有すること。"
  }
  func navigatorComment(incidents: String, sectors: [String]) -> String {
    "\(incidents)件" + (sectors.isEmpty ? "。" : "。分野：\(list(sectors))。")
  }
  func navigatorChange(lastSectors: Int, lastIncidents: String) -> String { "前年：\(lastIncidents)件、\(lastSectors)分野。" }
  var navigatorLastWithheld: String { "前年の件数は秘匿したため、変化は示さない。" }
  var navigatorNoLastYear: String { "前年のデータがないため、変化は示さない。" }
  func stixProducer(dataset: String) -> String { "共通脅威分析の年次報告（データセット\(dataset)、Rensa）" }
  func stixKEV(added: String, ransomware: Bool) -> String {
    "CISAの既知の悪用された脆弱性（KEV）カタログに\(added)から掲載" + (ransomware ? "。ランサムウェアでの使用が確認されている。" : "。")
  }
  func stixSighting(year: Int, incidents: Int, sectors: [String]) -> String {
    "\(self.year(year))のIT障害の報告\(incidents)件に記載" + (sectors.isEmpty ? "。" : "。分野名を示せるだけの事業者が報告した分野：\(list(sectors))。")
  }
  func identifiersInAmber(year: Int) -> String {
    "\(self.year(year))のIT障害の報告には、CVE、ATT&CKの攻撃手法又は製品の記載がある。その内容、件数及び分野は、TLP:AMBER版（ATT&CK Navigatorのレイヤー及びSTIXバンドルを含む。）に限り示す。AMBER未満では、このように細かい件数はそれぞれ少数の事業者の報告に由来し、どの事業者が何を用いているかを示してしまうためである。"
  }
  var sharedProductsCaption: String { "モデルの資産が二つ以上の分野で用いる製品（資産構成の集計。個々の資産は示さない。）" }
  func sharedProductsColumns(year: Int) -> [String] { ["製品", "分野数", "資産数", "\(self.year(year))の件数", "KEV掲載数", "分野"] }
  var sharedVendorsCaption: String { "二つ以上の分野の資産が依存するベンダー・サービス事業者" }
  var sharedVendorsColumns: [String] { ["ベンダー", "分野数", "資産数", "分野"] }
  var commonModesIntroduction: String {
    "相互依存性解析と共通脅威分析を結び付け、代替手段を持つ依存先（n者のうちk者で足りる供給、k < n）ごとに、その代替手段が共有し冗長性を損なう要因を示す。要因とは、同一の製品を用いる資産、同一のベンダー又はサービス事業者に依存する資産、同一の拠点又は同一の災害想定区域にある資産の全体、又は単一の上流ノードである。要因から始まる障害が、全ての要求グループのk/nを考慮した連鎖を通じて、当該グループが失ってよい数を超える代替手段を停止させるとき、冗長性は損なわれる。各要因はモデル全体に厳密に伝播させて判定している。"
  }
  func commonModesUpstreamSkipped(nodes: Int, limit: Int) -> String {
    "モデルのノード数は\(ReportValue.grouped(nodes))であり、単一の上流ノード（一つごとに連鎖を計算する。）は\(ReportValue.grouped(limit))ノードまでを対象とするため、ここでは共有される製品、ベンダー、拠点及び区域のみを調べた（rensa closure --common-modes は全てを調べる。）。"
  }
  var commonModesNoGroups: String { "モデルには代替手段を持つ依存先がなく、調べるべき冗長性はない。" }
  func commonModesByKindCaption(groups: Int) -> String { "調べた要因と損なわれるグループ（代替手段を持つグループ\(groups)件）" }
  var commonModesByKindColumns: [String] { ["共有されるもの", "調べた要因数", "損なわれるグループ数"] }
  func sharedKind(_ kind: String) -> String {
    switch kind {
    case "product": return "製品"
    case "vendor": return "ベンダー・サービス事業者"
    case "site": return "拠点"
    case "hazard": return "災害想定区域"
    case "cve": return "脆弱性（CVE）"
    default: return "単一の上流ノード"
    }
  }
  func commonModesOmitted(_ n: Int, perGroup: Int) -> String {
    "このモデルでは多くの要因が多数のグループの冗長性を損なうため、グループと共有されるものの組のうち\(ReportValue.grouped(n))組は示していない（グループごとに、停止するノード数の少ない\(perGroup)組を残す。）。上の種類別の損なわれるグループ数は、残した組から数えている。"
  }
  var commonModesNoShared: String { "共有される製品、ベンダー、脆弱性、拠点又は災害想定区域で、グループが失ってよい数を超える代替手段を停止させるものはない。" }
  func hiddenCommonModesCaption(named: Bool) -> String {
    "代替手段が共有するものにより冗長性が損なわれるグループ" + (named ? "" : "（共有されるものの名称はTLP:AMBER以上で示す。）")
  }
  var hiddenCommonModesColumns: [String] { ["依存先", "必要数", "共有されるもの", "失われる代替手段", "停止するノード数"] }
  func needs(_ k: Int, of alternatives: [String]) -> String { "\(list(alternatives))のうち\(k)" }
  var commonModesWithheldAttributes: String {
    "TLP:AMBER未満では、資産が共有する製品、ベンダー、拠点又は区域の名称を示さない。どのシステムがどこで何を用いているかの一覧となるためである。AMBER版ではこれを示す。"
  }
  func moreRows(_ n: Int) -> String { "ほか\(n)件（rensa closure --common-modes で全てを示す。）。" }
  var commonCauseReachCaption: String { "共有される要因ごとの共通要因シナリオとしての波及（rensa cascade --common-cause）" }
  var commonCauseReachColumns: [String] { ["要因", "共有する資産数", "停止するノード数"] }
  var commonModesNoUpstream: String { "単一の上流ノードで、グループが失ってよい数を超える代替手段を停止させるものはない。" }
  var upstreamCaption: String { "単一の上流ノードにより冗長性が損なわれるグループ" }
  var upstreamColumns: [String] { ["依存先", "必要数", "損なう単一ノード数", "最も近いもの（停止するノード数）"] }
  func featurelessSectors(_ sectors: [String], year: Int) -> String {
    "\(sectors.count)分野には\(self.year(year))の脅威がない（互いの距離は0、他との距離は1）："
      + list(Array(sectors.prefix(8))) + (sectors.count > 8 ? "、…" : "")
  }
  func stepChangesNote(_ n: Int, factor: Double, first: String, year: Int, value: Double, baseline: Double) -> String {
    "\(n)分野の合計が過去の中央値の\(NumberFormat.number(factor))倍以上に急増した（最初の例：\(first)、\(self.year(year))に"
      + "\(NumberFormat.number(value))件、それ以前の中央値は\(NumberFormat.number(baseline))件）。傾向として読む前に、分類又は報告の方法の変更がないか確認されたい。"
  }
  func noStepCheck(years: Int) -> String { "データは\(years)年分であり、急増の確認は行っていない（3年分が必要）。" }

  // MARK: Changes

  func changesOfWhich(_ type: String) -> String { "うち\(type)" }
  func changesCaption(year: Int) -> String { "指標（\(self.year(year - 1))及び\(self.year(year))）" }
  var changesBase: String { "検証レベルを逸脱したIT障害事例。増減は公表した二つの件数の間に限り示す" }
  func clusterAgreement(year: Int, clusters: Int, index: String) -> String {
    "共通する脅威による分野のクラスタ（\(clusters)クラスタ）の\(self.year(year - 1))と\(self.year(year))の一致度は、"
      + "調整ランド指数で\(index)である（1は変化なし、0程度は無関係）。"
  }
  var clusterNoMoves: String { "所属するクラスタが変わった分野はない。" }
  func clusterMovesCaption(year: Int) -> String { "\(self.year(year - 1))から所属するクラスタが変わった分野" }
  var clusterMovesColumns: [String] { ["分野", "以前のクラスタの分野", "現在のクラスタの分野"] }
  func stepChange(_ sector: String, value: String, year: Int, baseline: String) -> String {
    "\(sector)：\(self.year(year))は\(value)件で、それ以前の中央値は\(baseline)件である。報告の方法の変更がないか確認されたい。"
  }
  func clusterNoPreviousYear(year: Int) -> String { "\(self.year(year - 1))の事例を閲覧できないため、クラスタの変化は計算できない。" }
  var dependenciesHeading: String { "依存関係" }
  var dependenciesOneVersion: String {
    "データセットには依存関係モデルが一つの版しかない。依存関係の変化には前年のデータセットが必要である（rensa report --previous FILE）。"
  }
  func dependenciesUnchanged(previous: String, version: String, count: Int) -> String {
    "\(previous)（版 \(version)）と比べて、依存関係モデルに変化はない（依存関係\(ReportValue.grouped(count))件）。"
  }
  func dependenciesChanged(
    previous: String, version: String, added: Int, removed: Int, changed: Int, nodesAdded: Int, nodesRemoved: Int
  ) -> String {
    "\(previous)（版 \(version)）と比べて、依存関係は\(ReportValue.grouped(added))件追加、\(ReportValue.grouped(removed))件削除、"
      + "\(ReportValue.grouped(changed))件変更された。分野・重要システム・資産は\(ReportValue.grouped(nodesAdded))件が新たに加わり、"
      + "\(ReportValue.grouped(nodesRemoved))件がなくなった。"
  }
  var sectorPairsUnchanged: String {
    "分野間では変化はない。各分野は、直接にも間接にも、前年と同じ分野に依存している。"
  }
  var pairNew: String { "新規" }
  var pairGone: String { "解消" }
  var pairUnchanged: String { "変化なし" }
  var sectorPairsCaption: String { "前年から生じた又は解消した分野間の依存関係" }
  var sectorPairsColumns: [String] { ["分野", "依存先", "直接", "直接又は間接"] }
  var changeAdded: String { "追加" }
  var changeRemoved: String { "削除" }
  var changeChanged: String { "変更" }
  func dependencyKind(_ k: DependencyKind) -> String {
    switch k {
    case .power: return "電力"
    case .telecom: return "通信"
    case .water: return "水道"
    case .fuel: return "燃料"
    case .data: return "データ"
    case .staff: return "要員"
    case .transport: return "輸送"
    case .finance: return "金融"
    case .other: return "その他"
    }
  }
  func fieldChanges(_ changes: [DependencyChanges.FieldChange]) -> String {
    func field(_ f: DependencyChanges.Field) -> String {
      switch f {
      case .kind: return "種類"
      case .class: return "相互依存の分類"
      case .group: return "グループ"
      case .need: return "必要数"
      case .timeToImpact: return "影響までの時間（時間）"
      case .delay: return "遅延（時間）"
      case .recovery: return "復旧時間（時間）"
      case .probability: return "確率"
      case .coupling: return "結合度"
      case .delayDistribution: return "遅延の分布"
      }
    }
    func value(_ f: DependencyChanges.Field, _ v: String) -> String {
      if v == "none" { return "なし" }
      switch f {
      case .kind: return DependencyKind(rawValue: v).map(dependencyKind) ?? v
      case .class:
        let names = ["physical": "物理的", "cyber": "サイバー", "geographic": "地理的", "logical": "論理的"]
        return names[v] ?? v
      default: return v
      }
    }
    return changes.map { "\(field($0.key)) \(value($0.key, $0.before)) → \(value($0.key, $0.after))" }.joined(separator: "、")
  }
  func describe(_ d: Dependency) -> String {
    var parts = [dependencyKind(d.kind)]
    if let g = d.group { parts.append("グループ \(g)（必要数 \(d.need)）") }
    if d.timeToImpactHours > 0 { parts.append("影響までの時間 \(NumberFormat.significant(d.timeToImpactHours, digits: 4))時間") }
    if d.probability < 1 { parts.append("確率 \(NumberFormat.significant(d.probability, digits: 3))") }
    return list(parts)
  }
  var dependencyChangesCaption: String { "追加、削除及び変更された依存関係（供給側 → 依存側）" }
  var dependencyChangesColumns: [String] { ["変化", "供給側", "依存側", "内容"] }
  func dependencyChangesHidden(shown: Int, added: Int, removed: Int, changed: Int) -> String {
    "表には種類ごとに最大\(shown)件を示した。示していないもの：追加\(added)件、削除\(removed)件、変更\(changed)件"
      + "（DependencyChanges の JSON に全件がある）。"
  }
  func nodesNew(_ names: String) -> String { "モデルに新たに加わったもの：\(names)。" }
  func nodesGone(_ names: String) -> String { "モデルからなくなったもの：\(names)。" }
  var loopsSame: String { "相互依存のループは前年と同じである。" }
  var loopChangesCaption: String { "生じた又は解消した相互依存のループ（拡大又は縮小したループは両方に現れる）" }
  var loopChangesColumns: [String] { ["変化", "規模", "ノード"] }
  var loopFormed: String { "生成" }
  var loopBroken: String { "解消" }
  func refusal(_ e: MemoryLimitExceeded) -> String {
    let need = "\(formatBytes(e.bytesNeeded))（\(e.bytesNeeded)バイト）"
    switch e.remedy {
    case .failureCounts:
      return "単一障害表（ノード数×ノード数のビット表）に\(need)が必要であり、メモリ上限\(formatBytes(e.limit))を超えるため作成しなかった。"
        + "単一障害の件数（O(n)のメモリ）又はノードごとの停止伝播の計算で代替できる（--memory-limit で上限を引き上げることもできる）"
    case .singleSourceQueries:
      return "全ノード対の推移閉包に\(need)が必要であり、メモリ上限\(formatBytes(e.limit))を超えるため作成しなかった。"
        + "ノードごとの到達範囲の計算（O(n + m)のメモリ）で代替できる"
    case .other:
      return "メモリ上限\(formatBytes(e.limit))を超える\(need)が必要なため計算しなかった（\(e.description)）"
    }
  }
  func singlePointsNotCompared(_ reason: String) -> String { "単一障害点は比較していない：\(reason)。" }
  var singlePointsSame: String { "単一障害点は前年と同じである。" }
  func singlePointChangesCaption(total: Int) -> String {
    "単一障害点が変化したノード（バックアップを考慮、変化の多い順、\(total)件中上位15件）"
  }
  var singlePointChangesColumns: [String] { ["ノード", "新たな単一障害点", "単一障害点でなくなったもの"] }

  // MARK: Methods

  var disclosureHeading: String { "開示制御" }
  func disclosureNothingWithheld(audience: SharingScope) -> String {
    "TLP:\(audience.rawValue) の読者は、その区分までの全ての記録を閲覧できる。秘匿する件数はない。"
  }
  func disclosureMethod(k: Int, dominance: String?) -> String {
    "報告した組織が\(k)未満の事例の件数"
      + (dominance.map { "、及び一組織が事例の\($0)％を超えて占める件数" } ?? "")
      + "は秘匿する（一次秘匿）。さらに、報告書が公表する全ての情報、すなわち表とその合計、主要指標、図、示した他の年、"
      + "及び同じ年の CLEAR 版と GREEN 版（併せて決定する）から、これらの件数が算出できないよう、他の件数も秘匿する（二次秘匿）。"
      + "報告書を書き出す前に、秘匿した各件数について、公表した全ての件数と矛盾しない最小値と最大値を求める監査を行う"
      + "（件数は非負の整数、秘匿した件数は1以上）。各件数は少なくとも\(k)通りの値をとり得なければならない。"
      + "ある年の秘匿の形はその年の記録のみで決まるため、記録が変わらない限り、その年を示す全ての報告書は同じ件数を秘匿する。"
  }
  func auditCaption(years: [Int]) -> String { "示した年（\(list(years.map(year)))）の開示制御の監査" }
  func asPublishedNote(_ items: [(Int, String, String)], impact: Bool) -> String {
    let list = items.map { "\(self.year($0.0))（\($0.2)、\($0.1)記録）" }
    return self.list(list) + "は公表時の数値のまま掲載している" + (impact ? "（利用者・時間を含む）" : "")
      + "。公表後に追加・更新された記録によって数値を決め直すと、ほぼ同じ記録による二つの版の差から変更された記録が判明しうるためである。"
      + "公表後の変更は未公表の年の集計に反映する（Docs/Report.md「Revisions」）。"
  }
  func impactAuditCaption(year: Int, percent: String) -> String {
    "\(self.year(year))の利用者・時間の和の秘匿性の監査（p%ルール、p = \(percent)）"
  }
  var impactAuditPrimary: String { "秘匿した和（一次秘匿）" }
  var impactAuditSecondary: String { "保護のため秘匿した和（二次秘匿）" }
  var impactAuditAudited: String { "監査した要保護の和及び版間の差" }
  var impactAuditNarrowest: String { "秘匿した和の最小の不確かさ（値に対する%）" }
  func impactAuditPassed(percent: String) -> String { "秘匿したいずれの和も\(percent)%以内の精度では推定できない" }
  var auditPrimary: String { "秘匿すべき件数として秘匿（一次秘匿）" }
  var auditSecondary: String { "保護のために秘匿（二次秘匿）" }
  var auditAudited: String { "監査した秘匿すべき件数及び版の差" }
  var auditNarrowest: String { "秘匿した件数の最も狭い範囲（とり得る値の数）" }
  var auditNothingWithheld: String { "秘匿なし" }
  var auditUnbounded: String { "上限なし" }
  var auditResult: String { "監査結果" }
  func auditPassed(k: Int) -> String { "秘匿した全ての件数が\(k)通り以上の値をとり得る" }
  var auditFailed: String { "不合格" }
  var provenanceCaption: String { "本報告書の作成方法" }
  var provenanceDataset: String { "データセット" }
  func datasetVersion(_ name: String, _ version: String) -> String { "\(name)（版 \(version)）" }
  func digestLabel(_ label: String) -> String {
    if label == "SHA-256 (file)" { return "SHA-256（ファイル）" }
    if label == "SHA-256 (canonical JSON)" { return "SHA-256（正規化JSON）" }
    if label.hasPrefix("SHA-256 of what TLP:"), let audience = label.split(separator: " ").dropFirst(3).first {
      let identities = label.contains("incident ids")
      return "SHA-256（\(audience) の読者が閲覧できるもの。より上位の区分の記録\(identities ? "、並びに事例の識別子、報告者、事業者及び概要" : "")を除いた正規化JSON）"
    }
    return label
  }
  func provenanceDigest(_ label: String) -> String { "データセットの" + label }
  var provenancePreviousDataset: String { "前年のデータセット" }
  func provenancePreviousDigest(_ label: String) -> String { "前年のデータセットの" + label }
  var provenanceYear: String { "対象年" }
  var provenanceAudience: String { "読者（区分）" }
  var provenanceLeastReporters: String { "示した件数の最少報告組織数" }
  var provenanceIncidentsUsed: String { "用いた事例数（読者が閲覧できるもの）" }
  var notPublishedBelowAmber: String { "AMBER 未満では公表しない" }
  var provenanceProvisional: String { "暫定報告の事例（続報により変わり得るもの）" }
  func provisionalBelowAmber(any: Bool) -> String { any ? "示した年に含まれる。件数は変わり得る" : "示した年にはない" }
  var provenanceMonteCarlo: String { "モンテカルロのシード／試行回数" }
  var provenanceCrews: String { "復旧要員の班数" }
  var provenanceTrendWindow: String { "推移の期間" }
  var provenancePeriod: String { "年の数え方" }
  var provenanceLanguage: String { "言語" }
  var provenanceIOTable: String { "産業連関表" }
  func ioTable(origin: String, industries: Int, unit: String) -> String { "\(origin)（\(industries)部門、\(unit)）" }
  var provenanceLinks: String { "分野と部門の対応数" }
  func datasetProvenance(_ text: String) -> String { "データセットの出典：" + text }
  var caveatSynthetic: String { "事例履歴は合成データである" }
  func caveatAssumedScenarios(_ names: [String]) -> String { "次のシナリオの値は仮定である：" + list(names) }
  var caveatConcordance: String { "分野と部門の対応表の割合は仮定である" }
  func methodsParagraph(caveats: [String]) -> String {
    "手法：依存関係の閉包は縮約グラフ上のビット並列推移閉包、障害の伝播は厳密なラベル確定探索、モンテカルロはシード付きの独立試行、"
      + "機能不全度はLU分解、クラスタリングはJaccard距離に対するscipyと同一の群平均法、同時発生は頻出アイテム集合による。"
      + "同じ入力、設定及びシードからは、バイト単位で同一の報告書が得られる。"
      + (caveats.isEmpty ? "" : "留意事項：" + caveats.joined(separator: "。") + "。")
  }
  var untranslatedHeading: String { "データセットに日本語の記載がないもの" }
  func untranslatedIntroduction(_ n: Int) -> String {
    "次の\(n)件は、データセットに日本語の名称又は記載（nameJa、descriptionJa、titleJa）がないため、英語のまま示した。"
  }
  var untranslatedCaption: String { "英語のまま示したもの" }
  var untranslatedColumns: [String] { ["種類", "識別子", "表示"] }
}
