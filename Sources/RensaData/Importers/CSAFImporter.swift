import Foundation
import RensaGraph
import InternalRensaUtilities

/// A security advisory (CSAF 2.0), reduced to what the shared-threat analysis needs.
public struct SecurityAdvisory: Sendable, Hashable {
  /// Tracking id, e.g. `ICSA-19-038-02`.
  public var id: String
  public var title: String
  public var released: CalendarDay
  /// `OT` or `IT` (the feed folder it came from), or the document category.
  public var category: String
  /// Canonical CISA sectors named in the "Critical infrastructure sectors" note.
  public var cisaSectors: [String]
  /// The plan's sectors they map to (see ``CISASectorMapping``).
  public var sectors: [String]
  /// Whether the note says "Multiple Sectors" (common after 2021 for one vendor's
  /// advisories: an artefact a trend report must flag).
  public var multipleSectors: Bool
  public var vendors: [String]
  public var products: [String]
  public var cves: [String]
  public var cwes: [String]
  /// Highest CVSS v3 base score, if any.
  public var maxCVSS: Double?
  /// The advisory's TLP marking (`document.distribution.tlp.label`; TLP 1.0's WHITE is
  /// CLEAR); nil when the advisory has none (CSAF 2.0 makes it optional).
  public var marking: SharingScope?
  /// The products of its product tree, each with the versions it covers.
  public var treeProducts: [AdvisoryProduct] = []
  /// For each CVE, the status of each product id it lists (`product_status`).
  public var productStatus: [String: [(id: String, status: ProductStatus)]] = [:]

  public static func == (a: SecurityAdvisory, b: SecurityAdvisory) -> Bool {
    a.id == b.id && a.title == b.title && a.released == b.released && a.category == b.category && a.cisaSectors == b.cisaSectors
      && a.sectors == b.sectors && a.multipleSectors == b.multipleSectors && a.vendors == b.vendors && a.products == b.products
      && a.cves == b.cves && a.cwes == b.cwes && a.maxCVSS == b.maxCVSS && a.marking == b.marking
      && a.treeProducts == b.treeProducts
      && a.productStatus.mapValues { $0.map { "\($0.id)=\($0.status.rawValue)" } } == b.productStatus.mapValues { $0.map { "\($0.id)=\($0.status.rawValue)" } }
  }
  public func hash(into h: inout Hasher) {
    h.combine(id)
    h.combine(cves)
  }

  public init(
    id: String, title: String, released: CalendarDay, category: String = "OT", cisaSectors: [String] = [],
    sectors: [String] = [], multipleSectors: Bool = false, vendors: [String] = [], products: [String] = [],
    cves: [String] = [], cwes: [String] = [], maxCVSS: Double? = nil, marking: SharingScope? = nil
  ) {
    self.id = id
    self.title = title
    self.released = released
    self.category = category
    self.cisaSectors = cisaSectors
    self.sectors = sectors
    self.multipleSectors = multipleSectors
    self.vendors = vendors
    self.products = products
    self.cves = cves
    self.cwes = cwes
    self.maxCVSS = maxCVSS
    self.marking = marking
  }

  /// The advisory as a threat of the catalogue: intentional (the vulnerabilities can be
  /// exploited), society-wide (every operator running the products is exposed), with
  /// its CVEs, CWEs and `vendor/product`s, the plan's sectors it names, its release day,
  /// its highest CVSS score and its marking (`unmarked` when it has none).
  public func asThreat(unmarked: SharingScope) -> Threat {
    var products: [String] = []
    for product in self.products {
      // Products are named under their vendor when the advisory has exactly one.
      let name = vendors.count == 1 ? "\(vendors[0])/\(product)" : product
      if !products.contains(name) { products.append(name) }
    }
    if products.isEmpty { products = vendors }
    return Threat(
      id: id, type: .intentional, scope: .societyWide, name: title,
      examples: multipleSectors ? ["The advisory's sector note says \"Multiple Sectors\"."] : [],
      identifiers: ThreatIdentifiers(cwe: cwes, cve: cves, products: products), sectors: sectors, published: released,
      cvss: maxCVSS, sharing: marking ?? unmarked)
  }
}

/// The editable mapping from CISA's 16 critical-infrastructure sectors to the plan's 10
/// (Docs/Datasets.md states the rules). A CISA sector may map to several plan sectors
/// (Energy: power and gas; Transportation Systems: aviation, railway and logistics) or
/// to none (Chemical, Critical Manufacturing, …).
public struct CISASectorMapping: Sendable, Hashable {
  /// Canonical CISA sector → plan sector ids.
  public var table: [String: [String]]
  /// Lower-cased spellings and fragments found in advisories → canonical CISA sector.
  public var aliases: [String: String]

  public init(table: [String: [String]], aliases: [String: String]) {
    self.table = table
    self.aliases = aliases
  }

  public static let canonical: [String: [String]] = [
    "Chemical": [], "Commercial Facilities": [], "Communications": ["information-communications"],
    "Critical Manufacturing": [], "Dams": [], "Defense Industrial Base": [], "Emergency Services": ["government"],
    "Energy": ["electric-power", "gas"], "Financial Services": ["finance"], "Food and Agriculture": [],
    "Government Facilities": ["government"], "Healthcare and Public Health": ["medical"],
    "Information Technology": ["information-communications"],
    "Nuclear Reactors, Materials, and Waste": ["electric-power"],
    "Transportation Systems": ["aviation", "railway", "logistics"], "Water and Wastewater Systems": ["water"],
  ]

  /// The default mapping.
  public static let standard: CISASectorMapping = {
    var aliases: [String: String] = [:]
    for name in canonical.keys { aliases[name.lowercased()] = name }
    let extra: [String: String] = [
      "water and wastewater": "Water and Wastewater Systems", "water": "Water and Wastewater Systems",
      "wastewater": "Water and Wastewater Systems", "transportation": "Transportation Systems",
      "healthcare": "Healthcare and Public Health", "public health": "Healthcare and Public Health",
      "communication": "Communications", "government": "Government Facilities",
      "nuclear reactors": "Nuclear Reactors, Materials, and Waste", "nuclear": "Nuclear Reactors, Materials, and Waste",
      "materials": "Nuclear Reactors, Materials, and Waste", "waste": "Nuclear Reactors, Materials, and Waste",
      "financial": "Financial Services", "it": "Information Technology", "defense industrial": "Defense Industrial Base",
      "food and agricultural": "Food and Agriculture", "agriculture": "Food and Agriculture",
      "critical manufacturing sectors": "Critical Manufacturing", "manufacturing": "Critical Manufacturing",
      // Spellings seen once or twice in the 2017-2024 advisories (typos included).
      "telecommunications": "Communications", "oil & gas": "Energy", "electrical (power generation)": "Energy",
      "government services and facilities": "Government Facilities", "government facilitates": "Government Facilities",
      "health": "Healthcare and Public Health", "transportation services": "Transportation Systems",
      "wastewater systems": "Water and Wastewater Systems", "materials and waste": "Nuclear Reactors, Materials, and Waste",
      "agriculture and food": "Food and Agriculture", "critical manuacturing": "Critical Manufacturing",
      "critical manufacturer": "Critical Manufacturing",
    ]
    aliases.merge(extra) { a, _ in a }
    return CISASectorMapping(table: canonical, aliases: aliases)
  }()

  /// The mapping as an editable CSV table: `cisa_sector,plan_sectors,aliases`, one row
  /// per CISA sector; plan sectors and aliases (lower-case spellings found in advisories)
  /// are separated by `;`. `rensa datasets --export cisa-sector-mapping` prints the
  /// standard one; `rensa import csaf … --sector-mapping FILE` reads an edited copy.
  public var csv: String {
    var aliasesBySector: [String: [String]] = [:]
    for (alias, sector) in aliases where alias != sector.lowercased() { aliasesBySector[sector, default: []].append(alias) }
    var lines = [
      "# CISA critical-infrastructure sector -> the 2009 action plan's sectors (Docs/Datasets.md states the rules)",
      "cisa_sector,plan_sectors,aliases",
    ]
    for sector in table.keys.sorted() {
      let fields = [sector, table[sector]!.joined(separator: ";"), (aliasesBySector[sector] ?? []).sorted().joined(separator: ";")]
      lines.append(fields.map(DatasetWriter.csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads a mapping table in the form of ``csv``; plan sector ids must be among
  /// `planSectors`.
  ///
  /// - Throws: ``DataError`` listing every problem (unknown plan sectors with a
  ///   did-you-mean, duplicate CISA sectors, an alias given to two sectors).
  public static func parse(csv text: String, file: String, planSectors: Set<String>) throws(DataError) -> CISASectorMapping {
    var issues: [DataIssue] = []
    guard let t = DelimitedTable.parse(text, file: file, delimiter: delimiter(forPath: file), issues: &issues) else {
      throw DataError(issues)
    }
    guard let sectorColumn = t.column("cisa_sector"), let planColumn = t.column("plan_sectors") else {
      issues.append(
        DataIssue(
          file: file, line: t.headerLine, reason: "the header needs the columns 'cisa_sector' and 'plan_sectors'",
          hint: "optional third column 'aliases'; the built-in table 'cisa-sector-mapping' shows the layout"))
      throw DataError(issues)
    }
    let aliasColumn = t.column("aliases")
    var table: [String: [String]] = [:]
    var aliases: [String: String] = [:]
    var firstLine: [String: Int] = [:]
    var aliasLine: [String: Int] = [:]
    for row in t.rows {
      let sector = row.fields[sectorColumn]
      if sector.isEmpty {
        issues.append(DataIssue(file: file, line: row.line, field: "cisa_sector", reason: "empty sector name"))
        continue
      }
      if let first = firstLine[sector] {
        issues.append(
          DataIssue(file: file, line: row.line, field: "cisa_sector", reason: "'\(sector)' is listed again", hint: "first on line \(first)"))
        continue
      }
      firstLine[sector] = row.line
      let plan = row.fields[planColumn].split(separator: ";").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
      for id in plan where !planSectors.contains(id) {
        issues.append(
          DataIssue(
            file: file, line: row.line, field: "plan_sectors", reason: "unknown plan sector '\(id)'",
            hint: didYouMean(id, among: planSectors).map { "did you mean '\($0)'?" } ?? "one of \(planSectors.sorted().joined(separator: ", "))"))
      }
      table[sector] = plan
      var spellings = [sector.lowercased()]
      if let aliasColumn {
        spellings += row.fields[aliasColumn].split(separator: ";").map { $0.trimmingSpaces().lowercased() }
          .filter { !$0.isEmpty }
      }
      for alias in spellings {
        if let other = aliases[alias], other != sector {
          issues.append(
            DataIssue(
              file: file, line: row.line, field: "aliases",
              reason: "'\(alias)' already stands for '\(other)' (line \(aliasLine[alias] ?? 0))"))
        } else {
          aliases[alias] = sector
          aliasLine[alias] = row.line
        }
      }
    }
    if t.rows.isEmpty { issues.append(DataIssue(file: file, reason: "the table has a header but no rows")) }
    guard issues.isEmpty else { throw DataError(issues) }
    return CISASectorMapping(table: table, aliases: aliases)
  }

  /// Parses a sector note: canonical sectors, whether it says "multiple", and the
  /// pieces that were not recognised.
  public func parse(_ note: String) -> (sectors: [String], multiple: Bool, unrecognised: [String]) {
    var sectors: [String] = []
    var multiple = false
    var unrecognised: [String] = []
    for raw in note.split(whereSeparator: { $0 == "," || $0 == ";" }) {
      var piece = raw.trimmingSpaces(newlines: true)
      while piece.hasSuffix(".") { piece.removeLast() }
      if piece.lowercased().hasPrefix("and ") { piece = String(piece.dropFirst(4)) }
      if piece.hasPrefix("andW") { piece = String(piece.dropFirst(3)) }  // "andWater and Wastewater Systems"
      for suffix in [" sectors", " sector"] where piece.lowercased().hasSuffix(suffix) && piece.lowercased() != "multiple sectors" {
        piece = String(piece.dropLast(suffix.count))
      }
      let key = piece.trimmingSpaces().lowercased()
      if key.isEmpty { continue }
      if key == "multiple" || key == "multiple sectors" || key == "multiple industries" {
        multiple = true
      } else if let name = aliases[key] {
        if !sectors.contains(name) { sectors.append(name) }
      } else {
        unrecognised.append(piece)
      }
    }
    return (sectors, multiple, unrecognised)
  }
}

/// Imports CISA's ICS advisories in CSAF 2.0 JSON: a folder of `.json` files (searched
/// recursively), or the `raw_csaf_json.tar.xz` archive itself (unpacked with the
/// system's `tar` into a temporary folder that is removed afterwards).
///
/// The report lists files that are not advisories (the feed indexes), advisories without
/// a sector note, and every sector text that was not recognised, with counts.
public enum CSAFImporter {
  /// Reads a folder of CSAF advisories or the feed's `.tar.xz` archive.
  ///
  /// - Throws: ``DataError`` with every problem, or (``DataError/unreadable``) an input
  ///   that cannot be read or unpacked within the memory limit.
  public static func read(path: String, mapping: CISASectorMapping = .standard) throws(DataError) -> (
    [SecurityAdvisory], ImportReport
  ) {
    do { return try readUntyped(path: path, mapping: mapping) } catch { throw DataError.from(error, file: path) }
  }

  static func readUntyped(path: String, mapping: CISASectorMapping) throws -> ([SecurityAdvisory], ImportReport) {
    var directory = path
    var temporary: TemporaryFolder? = nil
    if path.lowercased().hasSuffix(".tar.xz") {
      guard FileManager.default.fileExists(atPath: path) else {
        throw InputFileError(path: path, kind: .missing, detail: "no such file")
      }
      // Unpacked privately (0700, an unpredictable name), removed afterwards and on
      // SIGINT/SIGTERM; folders left by a killed run are removed first.
      let folder = try TemporaryFolder(purpose: "csaf")
      temporary = folder
      // xz → Rensa → tar: the decompressed bytes are counted as they stream, and an
      // archive that unpacks to more than the memory limit is stopped (a small .tar.xz
      // can unpack to gigabytes). No owners or modes from the archive; GNU tar refuses
      // members outside the folder.
      let tar = Process()
      tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      tar.arguments = ["tar", "--no-same-owner", "--no-same-permissions", "-xf", "-", "-C", folder.path]
      let feed = Pipe()
      tar.standardInput = feed
      tar.standardError = FileHandle.nullDevice
      do { try tar.run() } catch {
        folder.remove()
        throw InputFileError(path: path, kind: .unreadable, detail: "cannot run tar to unpack it (install tar)")
      }
      let limit = MemoryBudget.defaultLimit
      let xz: XZStream.Outcome
      do {
        xz = try XZStream.decompress(path, limit: limit) { chunk in
          // tar stopped (a broken archive): its status says why.
          (try? feed.fileHandleForWriting.write(contentsOf: chunk)) != nil
        }
      } catch {
        tar.terminate()
        folder.remove()
        throw error
      }
      try? feed.fileHandleForWriting.close()
      if xz.exceeded { tar.terminate() }
      tar.waitUntilExit()
      if xz.exceeded {
        folder.remove()
        throw InputFileError(
          path: path, kind: .tooLarge,
          detail: "unpacks to more than \(formatBytes(limit)), the memory limit (set RENSA_MEMORY_LIMIT higher if the machine has that much, or unpack it and give the folder)")
      }
      guard xz.status == 0 && tar.terminationStatus == 0 else {
        folder.remove()
        throw DataError([DataIssue(
          file: path, reason: "tar could not unpack it: not a readable .tar.xz archive",
          hint: "download it again, or unpack it and give the folder (tar and xz-utils are needed)")])
      }
      directory = folder.path
    }
    defer { temporary?.remove() }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw InputFileError(path: path, kind: .missing, detail: "no such folder or .tar.xz archive")
    }
    // Regular files only: a link (planted in an archive or a folder) is not followed.
    var links: [String] = []
    let files = (FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
      .filter { $0.lowercased().hasSuffix(".json") }.sorted().filter { relative in
        var info = stat()
        let full = (directory as NSString).appendingPathComponent(relative)
        guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
          links.append(relative)
          return false
        }
        return true
      }
    var advisories: [SecurityAdvisory] = []
    var report = ImportReport()
    var issues: [DataIssue] = []
    var unrecognised: [String: Int] = [:]
    var withoutSectors = 0
    var firstFile: [String: String] = [:]
    for relative in files {
      let full = (directory as NSString).appendingPathComponent(relative)
      let shown = temporary == nil ? full : "\(path):\(relative)"
      let root: JSONNode
      do { root = try JSONNode.parse(try readTextFile(full), file: shown) } catch let error as DataError {
        issues += error.issues
        continue
      } catch let error as InputFileError {
        // One unreadable advisory is listed with the others' problems, not alone.
        issues.append(DataIssue(file: shown, reason: error.detail))
        continue
      }
      let one = advisory(root, file: shown, relative: relative, mapping: mapping)
      issues += one.issues
      report.skipped += one.skipped
      for u in one.unrecognised { unrecognised[u, default: 0] += 1 }
      if one.withoutSectors { withoutSectors += 1 }
      if let a = one.advisory {
        // One tracking id is one advisory: a second file with it is an error, naming both.
        if let first = firstFile[a.id] {
          issues.append(DataIssue(
            file: shown, field: "document.tracking.id", reason: "advisory '\(a.id)' is also in \(first)",
            hint: "keep one file per advisory (the later revision)"))
        } else {
          firstFile[a.id] = shown
          advisories.append(a)
        }
      }
    }
    guard issues.isEmpty else { throw DataError(issues) }
    for relative in links {
      report.skipped.append(DataIssue(file: temporary == nil ? (directory as NSString).appendingPathComponent(relative) : "\(path):\(relative)", reason: "not a regular file (a symbolic link or a device): not read"))
    }
    if withoutSectors > 0 {
      report.skipped.append(DataIssue(file: path, reason: "\(withoutSectors) advisories have no 'Critical infrastructure sectors' note (kept, with no sector)"))
    }
    for (text, count) in unrecognised.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
      report.skipped.append(DataIssue(file: path, reason: "sector text '\(text)' not recognised in \(count) advisories", hint: "add it to the aliases column of a mapping table (the built-in 'cisa-sector-mapping' shows the layout) and import with that table"))
    }
    report.imported = ["advisories": advisories.count, "distinct CVEs": Set(advisories.flatMap(\.cves)).count]
    return (advisories, report)
  }

  /// The products of a CSAF product tree with their product ids and versions: the path
  /// of branches vendor → product_name → product_version or product_version_range down
  /// to a leaf with a `product` (full_product_name).
  static func collectProducts(_ node: JSONNode, vendor: String, product: String, into out: inout [AdvisoryProduct]) {
    guard case .object(let members) = node.value,
      case .array(let branches)? = members.first(where: { $0.key == "branches" })?.value.value
    else { return }
    for branch in branches {
      guard case .object(let b) = branch.value,
        case .string(let category)? = b.first(where: { $0.key == "category" })?.value.value,
        case .string(let name)? = b.first(where: { $0.key == "name" })?.value.value
      else { continue }
      var v = vendor
      var p = product
      var versions: VersionRange? = nil
      switch category {
      case "vendor": v = name
      case "product_name", "product_family": p = p.isEmpty || category == "product_name" ? name : p
      case "product_version": versions = .exactly(name)
      case "product_version_range": versions = VersionRange(range: name)
      default: break
      }
      if case .object(let leaf)? = b.first(where: { $0.key == "product" })?.value.value,
        case .string(let id)? = leaf.first(where: { $0.key == "product_id" })?.value.value
      {
        out.append(AdvisoryProduct(id: id, vendor: v, product: p, versions: versions ?? VersionRange(range: "*")))
      }
      collectProducts(branch, vendor: v, product: p, into: &out)
    }
  }

  /// Vendor and product names from a CSAF product tree.
  static func collectBranches(_ node: JSONNode, _ vendors: inout [String], _ products: inout [String]) {
    guard case .object(let members) = node.value,
      case .array(let branches)? = members.first(where: { $0.key == "branches" })?.value.value
    else { return }
    for branch in branches {
      guard case .object(let b) = branch.value else { continue }
      if case .string(let category)? = b.first(where: { $0.key == "category" })?.value.value,
        case .string(let name)? = b.first(where: { $0.key == "name" })?.value.value
      {
        if category == "vendor" && !vendors.contains(name) { vendors.append(name) }
        if category == "product_name" && !products.contains(name) { products.append(name) }
      }
      collectBranches(branch, &vendors, &products)
    }
  }

  /// What one CSAF document gives: the advisory, or the problems that stop it.
  struct DocumentOutcome {
    var advisory: SecurityAdvisory?
    var issues: [DataIssue] = []
    var skipped: [DataIssue] = []
    var unrecognised: [String] = []
    var withoutSectors = false
  }

  /// Reads one CSAF advisory (`relative` is its path under the archive's root, whose
  /// `OT`/`IT` folder gives the category).
  static func advisory(_ root: JSONNode, file shown: String, relative: String, mapping: CISASectorMapping) -> DocumentOutcome {
    var out = DocumentOutcome()
    guard case .object(let top) = root.value, let document = top.first(where: { $0.key == "document" })?.value else {
      out.skipped.append(DataIssue(file: shown, reason: "not a CSAF advisory (no 'document'): left out"))
      return out
    }
    let collector = IssueCollector(file: shown)
    guard let doc = collector.object(document, path: "document") else {
      out.issues += collector.issues
      return out
    }
    guard let tracking = doc.object("tracking", required: true) else {
      out.issues += collector.issues
      return out
    }
    let id = tracking.string("id") ?? ""
    let releasedText = tracking.string("initial_release_date") ?? ""
    guard let released = CalendarDay(String(releasedText.prefix(10))) else {
      out.issues.append(DataIssue(file: shown, line: tracking.line, field: "document.tracking.initial_release_date", reason: "'\(releasedText)' has no valid date"))
      return out
    }
    var note: String? = nil
    _ = doc.array("notes") { n -> Void in
      if n.string("title", required: false) == "Critical infrastructure sectors" { note = n.string("text", required: false) }
    }
    var parsed: (sectors: [String], multiple: Bool, unrecognised: [String]) = ([], false, [])
    if let note {
      parsed = mapping.parse(note)
      out.unrecognised = parsed.unrecognised
    } else {
      out.withoutSectors = true
    }
    var vendors: [String] = []
    var products: [String] = []
    if let tree = top.first(where: { $0.key == "product_tree" })?.value { collectBranches(tree, &vendors, &products) }
    // The marking: TLP 1.0 (CSAF 2.0: WHITE, GREEN, AMBER, RED) or 2.0 labels (CSAF 2.1).
    var marking: SharingScope? = nil
    if let distribution = doc.object("distribution", required: false), let tlp = distribution.object("tlp", required: false),
      let label = tlp.string("label", required: false)
    {
      marking = SharingScope(marking: label)
      if marking == nil {
        out.issues.append(DataIssue(
          file: shown, line: tlp.member("label")?.line, field: "document.distribution.tlp.label",
          reason: "'\(label)' is not a TLP label", hint: "CLEAR, WHITE, GREEN, AMBER, AMBER+STRICT or RED"))
        return out
      }
    }
    var treeProducts: [AdvisoryProduct] = []
    if let tree = top.first(where: { $0.key == "product_tree" })?.value { collectProducts(tree, vendor: "", product: "", into: &treeProducts) }
    var productStatus: [String: [(id: String, status: ProductStatus)]] = [:]
    var cves: [String] = []
    var cwes: [String] = []
    var maxCVSS: Double? = nil
    if case .array(let vulnerabilities)? = top.first(where: { $0.key == "vulnerabilities" })?.value.value {
      for v in vulnerabilities {
        guard let vr = collector.object(v, path: "vulnerabilities") else { continue }
        if let cve = vr.string("cve", required: false), !cves.contains(cve) { cves.append(cve) }
        if let cve = vr.string("cve", required: false), case .object(let status)? = vr.member("product_status")?.value.value {
          for (key, _, list) in status {
            let s: ProductStatus? =
              ["known_affected", "first_affected", "last_affected"].contains(key) ? .affected
              : ["fixed", "first_fixed"].contains(key) ? .fixed : key == "known_not_affected" ? .notAffected : nil
            guard let s, case .array(let ids) = list.value else { continue }
            for id in ids { if case .string(let pid) = id.value { productStatus[cve, default: []].append((pid, s)) } }
          }
        }
        if let cwe = vr.object("cwe", required: false), let cweID = cwe.string("id", required: false), !cwes.contains(cweID) {
          cwes.append(cweID)
        }
        _ = vr.array("scores") { score -> Void in
          if let cvss = score.object("cvss_v3", required: false),
            let base = cvss.double("baseScore", required: false, minimum: 0, maximum: 10)
          {
            maxCVSS = max(maxCVSS ?? 0, base)
          }
        }
      }
    }
    // Problems met on the way (a score out of range, a vulnerability that is not an object).
    if !collector.issues.isEmpty {
      out.issues += collector.issues
      return out
    }
    let parts = relative.split(separator: "/")
    let category = parts.contains("OT") ? "OT" : parts.contains("IT") ? "IT" : (doc.string("category", required: false) ?? "")
    let planSectors = parsed.sectors.flatMap { mapping.table[$0] ?? [] }.reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    out.advisory = SecurityAdvisory(
        id: id, title: doc.string("title", required: false) ?? "", released: released, category: category,
        cisaSectors: parsed.sectors, sectors: planSectors, multipleSectors: parsed.multiple, vendors: vendors,
        products: products, cves: cves, cwes: cwes, maxCVSS: maxCVSS, marking: marking)
    out.advisory?.treeProducts = treeProducts
    out.advisory?.productStatus = productStatus
    return out
  }

  /// Parses one CSAF 2.0 advisory document: nil when it is not an advisory (no
  /// `document`).
  ///
  /// - Throws: ``DataError`` with every problem of the document.
  public static func parseAdvisory(_ text: String, file: String, mapping: CISASectorMapping = .standard) throws(DataError)
    -> SecurityAdvisory?
  {
    let one = advisory(try JSONNode.parse(text, file: file), file: file, relative: file, mapping: mapping)
    if !one.issues.isEmpty { throw DataError(one.issues) }
    return one.advisory
  }

}
