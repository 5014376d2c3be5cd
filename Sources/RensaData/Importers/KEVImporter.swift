import InternalRensaUtilities
import Foundation

/// Imports CISA's Known Exploited Vulnerabilities catalogue, in either of its published
/// forms: `known_exploited_vulnerabilities.json` or `known_exploited_vulnerabilities.csv`
/// (chosen by the file's extension).
///
/// Every entry is checked (CVE id `CVE-YYYY-NNNN…`, dates `YYYY-MM-DD`, ransomware use
/// `Known` or `Unknown`, no duplicate CVE); all problems are reported together and
/// nothing is imported from a file with problems.
public enum KEVImporter {
  /// Reads the catalogue; returns its entries in file order and the catalogue version
  /// when the file states one (JSON).
  public static func read(path: String) throws(DataError) -> (entries: [KnownExploitedVulnerability], version: String?) {
    let text = try readText(path)
    return path.lowercased().hasSuffix(".csv") ? try parseCSV(text, file: path) : try parseJSON(text, file: path)
  }

  struct Draft {
    var line: Int?
    var fields: [String: String]
    var cwes: [String]
  }

  static let columns = [
    "cveID", "vendorProject", "product", "vulnerabilityName", "dateAdded", "shortDescription", "dueDate",
    "knownRansomwareCampaignUse",
  ]

  public static func parseCSV(_ text: String, file: String) throws(DataError) -> ([KnownExploitedVulnerability], String?) {
    var issues: [DataIssue] = []
    guard let table = DelimitedTable.parse(text, file: file, delimiter: ",", issues: &issues) else { throw DataError(issues) }
    for c in columns + ["cwes"] where table.column(c) == nil {
      issues.append(DataIssue(file: file, line: table.headerLine, field: c, reason: "required column is missing"))
    }
    guard issues.isEmpty else { throw DataError(issues) }
    let drafts = table.rows.map { row in
      Draft(
        line: row.line, fields: Dictionary(uniqueKeysWithValues: columns.map { ($0, row.fields[table.column($0)!]) }),
        cwes: row.fields[table.column("cwes")!].split(separator: ",").map { $0.trimmingSpaces() }
          .filter { !$0.isEmpty })
    }
    return (try build(drafts, file: file, issues: issues), nil)
  }

  public static func parseJSON(_ text: String, file: String) throws(DataError) -> ([KnownExploitedVulnerability], String?) {
    let root = try JSONNode.parse(text, file: file)
    let collector = IssueCollector(file: file)
    guard let top = collector.object(root, path: "") else { throw DataError(collector.issues) }
    let version = top.string("catalogVersion", required: false)
    let drafts: [Draft] = top.array("vulnerabilities", required: true) { entry in
      var fields: [String: String] = [:]
      for c in columns { fields[c] = entry.string(c, required: c != "dueDate") ?? "" }
      return Draft(line: entry.line, fields: fields, cwes: entry.strings("cwes"))
    }
    return (try build(drafts, file: file, issues: collector.issues), version)
  }

  static func build(_ drafts: [Draft], file: String, issues initial: [DataIssue]) throws(DataError) -> [KnownExploitedVulnerability] {
    var issues = initial
    var entries: [KnownExploitedVulnerability] = []
    var firstLine: [String: Int] = [:]
    for draft in drafts {
      let f = draft.fields
      let cve = f["cveID"] ?? ""
      func problem(_ field: String, _ reason: String, hint: String? = nil) {
        issues.append(DataIssue(file: file, line: draft.line, field: field, reason: reason, hint: hint))
      }
      let parts = cve.split(separator: "-")
      if parts.count != 3 || parts[0] != "CVE" || parts[1].count != 4 || Int(parts[1]) == nil || parts[2].count < 4
        || Int(parts[2]) == nil
      {
        problem("cveID", "'\(cve)' is not a CVE id", hint: "CVE-YYYY-NNNN")
      }
      if let first = firstLine[cve] { problem("cveID", "duplicate entry for \(cve)", hint: "first on line \(first)") }
      firstLine[cve] = draft.line ?? 0
      let added = CalendarDay(f["dateAdded"] ?? "")
      if added == nil { problem("dateAdded", CalendarDay.problem(with: f["dateAdded"] ?? "") ?? "not a date", hint: nil) }
      let dueText = f["dueDate"] ?? ""
      let due = dueText.isEmpty ? nil : CalendarDay(dueText)
      if !dueText.isEmpty && due == nil { problem("dueDate", CalendarDay.problem(with: dueText) ?? "not a date", hint: nil) }
      let ransomware = f["knownRansomwareCampaignUse"] ?? ""
      if ransomware != "Known" && ransomware != "Unknown" {
        problem("knownRansomwareCampaignUse", "'\(ransomware)' is neither Known nor Unknown")
      }
      for cwe in draft.cwes where !(cwe.hasPrefix("CWE-") || cwe.hasPrefix("NVD-CWE-")) {
        problem("cwes", "'\(cwe)' is not a CWE id")
      }
      guard let added else { continue }
      entries.append(
        KnownExploitedVulnerability(
          cve: cve, vendor: f["vendorProject"] ?? "", product: f["product"] ?? "", name: f["vulnerabilityName"] ?? "",
          dateAdded: added, dueDate: due, knownRansomwareUse: ransomware == "Known", cwes: draft.cwes,
          description: f["shortDescription"] ?? ""))
    }
    guard issues.isEmpty else { throw DataError(issues) }
    return entries
  }
}
