import RensaGraph
import InternalRensaUtilities

/// Parameters of the synthetic incident generator. Every rate and mix is explicit so a
/// user can state exactly what a synthetic history assumes.
public struct SyntheticIncidentParameters: Sendable, Hashable {
  /// Years to generate (inclusive).
  public var years: ClosedRange<Int>
  /// Seed of the generator (xoshiro256**); the same seed gives the same history.
  public var seed: UInt64
  /// Mean number of reports per sector in the first year (Poisson).
  public var reportsPerSectorYear: Double
  /// Relative weights of the four threat types in the first year.
  public var threatMix: [ThreatType: Double]
  /// Yearly growth factor of intentional (cyber) incidents: 0.15 means +15 % a year.
  public var intentionalGrowth: Double
  /// Probability that a report exceeds its service's verification level.
  public var exceedProbability: Double
  /// Relative weights of the TLP sharing scopes reporters choose.
  public var sharingMix: [SharingScope: Double]
  /// Synthetic operators per sector (the reporters).
  public var operatorsPerSector: Int
  /// Mean number of near misses (予兆・ヒヤリハット) per sector and year (Poisson), reported
  /// beside the failures.
  public var nearMissesPerSectorYear: Double = 4

  public init(
    years: ClosedRange<Int> = 2021...2026, seed: UInt64 = 2009, reportsPerSectorYear: Double = 30,
    threatMix: [ThreatType: Double] = [.intentional: 0.25, .unintentional: 0.45, .disaster: 0.1, .spillover: 0.2],
    intentionalGrowth: Double = 0.15, exceedProbability: Double = 0.3,
    sharingMix: [SharingScope: Double] = [.clear: 0.1, .green: 0.35, .amber: 0.3, .amberStrict: 0.15, .red: 0.1],
    operatorsPerSector: Int = 8
  ) {
    self.years = years
    self.seed = seed
    self.reportsPerSectorYear = reportsPerSectorYear
    self.threatMix = threatMix
    self.intentionalGrowth = intentionalGrowth
    self.exceedProbability = exceedProbability
    self.sharingMix = sharingMix
    self.operatorsPerSector = operatorsPerSector
  }
}

/// Generates an **explicitly synthetic** incident history for a dataset: operators
/// named as synthetic, and incidents with `synthetic: true`, never to be read as real
/// reports.
///
/// Per sector and year the number of reports is Poisson with mean
/// `reportsPerSectorYear` (intentional ones growing by `intentionalGrowth` a year);
/// each report draws its threat type from `threatMix`, a day of the year, an operator
/// of the sector (the confidential reporter), a service of the sector, a catalogue
/// threat of that type (society-wide with probability 0.2), whether it exceeded the
/// verification level (`exceedProbability`; for levels counted in users, the affected
/// users are drawn on the matching side of the threshold), a duration, and a sharing
/// scope from `sharingMix`. A spill-over's originating sector is drawn among the
/// sector's suppliers in the dataset's dependencies, weighted by coupling, so
/// spill-overs follow the modelled interdependencies. Each (sector, year) has its own
/// random stream, so the history of one sector does not change when another is added.
/// Intentional incidents carry CVEs, ATT&CK techniques and products
/// (`identifiers(year:_:)`), drawn from real KEV entries.
public enum SyntheticIncidents {
  public static func generate(for dataset: Dataset, parameters p: SyntheticIncidentParameters = .init())
    -> (operators: [Operator], incidents: [Incident])
  {
    let root = Xoshiro256StarStar(seed: p.seed)
    var operators: [Operator] = []
    var incidents: [Incident] = []
    let types = ThreatType.allCases
    let scopes = SharingScope.allCases
    for (s, sector) in dataset.sectors.enumerated() {
      let own = (1...max(1, p.operatorsPerSector)).map { k in
        Operator(id: "synthetic-\(sector.id)-\(k)", name: "Synthetic operator \(k) (\(sector.name))", sector: sector.id)
      }
      operators += own
      let services = dataset.services.filter { $0.sector == sector.id }
      let sectorIDs = Set(dataset.sectors.map(\.id))
      let suppliers = dataset.dependencies.filter { d in
        d.dependent == sector.id && d.supplier != sector.id && sectorIDs.contains(d.supplier)
      }
      for year in p.years {
        var rng = root.stream(UInt64(s) << 20 | UInt64(year - p.years.lowerBound))
        let growth = pow(1 + p.intentionalGrowth, Double(year - p.years.lowerBound))
        var mix = types.map { p.threatMix[$0] ?? 0 }
        mix[types.firstIndex(of: .intentional)!] *= growth
        if suppliers.isEmpty { mix[types.firstIndex(of: .spillover)!] = 0 }
        let scale = mix.reduce(0, +) / types.map { p.threatMix[$0] ?? 0 }.reduce(0, +)
        let count = poisson(p.reportsPerSectorYear * scale, &rng)
        var drafts: [Incident] = []
        for _ in 0..<count {
          let type = types[weightedIndex(mix, &rng)]
          let occurred = CalendarDay(year: year, ordinal: 1 + Int(rng.next() % UInt64(CalendarDay.daysInYear(year))))
          let service = services.isEmpty ? nil : services[Int(rng.next() % UInt64(services.count))]
          let scope: ThreatScope = rng.nextUnitDouble() < 0.2 ? .societyWide : .operatorLevel
          let threat = dataset.threats.first { $0.type == type && $0.scope == scope }?.id
          let exceeded = rng.nextUnitDouble() < p.exceedProbability
          // Durations: log-uniform between 10 minutes and 3 days.
          var hours = (exp(log(1.0 / 6) + rng.nextUnitDouble() * (log(72) - log(1.0 / 6))) * 100).rounded() / 100
          var users: Int? = nil
          if let level = service?.verificationLevel, level.unit == "users" {
            let t = level.threshold
            users = Int(exceeded ? t * (1 + rng.nextUnitDouble() * 9) : t * rng.nextUnitDouble() * 0.99)
            if exceeded { hours = max(hours, level.minimumDurationHours ?? 0) }
          }
          var origin: String? = nil
          if type == .spillover {
            origin = suppliers[weightedIndex(suppliers.map { max($0.coupling, 0.01) }, &rng)].supplier
          }
          let reporter = own[Int(rng.next() % UInt64(own.count))]
          let sharing = scopes[weightedIndex(scopes.map { p.sharingMix[$0] ?? 0 }, &rng)]
          let reportDelay = Int(rng.next() % 3)
          drafts.append(
            Incident(
              id: "", occurred: occurred, reported: occurred.adding(days: reportDelay), sector: sector.id,
              operator: reporter.id, service: service?.id, threatType: type, threat: threat,
              exceededVerificationLevel: exceeded, durationHours: hours, affectedUsers: users, originSector: origin,
              sharing: sharing, reporter: reporter.id, synthetic: true,
              summary: "SYNTHETIC \(type.rawValue) incident in \(sector.name)"
                + (origin.map { " spilling over from \($0)" } ?? "")))
        }
        drafts.sort { $0.occurred < $1.occurred }
        // The plan's further categories come from a stream of their own, so that the
        // failures drawn above are the same as before they existed: the security
        // properties affected, a severity level (Docs/Severity.md), and near misses.
        var more = root.stream(1 << 40 | UInt64(s) << 20 | UInt64(year - p.years.lowerBound))
        // Users affected where the service's verification level is not counted in users:
        // log-uniform between 100 and 1,000,000, one report in five without it (a stream of
        // its own again, so that nothing drawn above changes).
        var reach = root.stream(2 << 40 | UInt64(s) << 20 | UInt64(year - p.years.lowerBound))
        // The CVEs, ATT&CK techniques and products of intentional incidents (again a
        // stream of its own).
        var traces = root.stream(3 << 40 | UInt64(s) << 20 | UInt64(year - p.years.lowerBound))
        for (k, var incident) in drafts.enumerated() {
          incident.id = "syn-\(year)-\(sector.id)-\(k + 1)"
          if incident.affectedUsers == nil {
            let known = reach.nextUnitDouble() >= 0.2
            let users = Int(exp(log(100.0) + reach.nextUnitDouble() * (log(1_000_000.0) - log(100.0))))
            if known { incident.affectedUsers = users }
          }
          var properties: [SecurityProperty] = []
          if incident.threatType == .intentional {
            if more.nextUnitDouble() < 0.3 { properties.append(.confidentiality) }
            if more.nextUnitDouble() < 0.2 { properties.append(.integrity) }
          } else if more.nextUnitDouble() < 0.1 {
            properties.append(.integrity)
          }
          properties.append(.availability)
          incident.affectedProperties = properties
          let u = more.nextUnitDouble()
          incident.severity = incident.exceededVerificationLevel ? (u < 0.6 ? 2 : u < 0.9 ? 3 : 4) : (u < 0.5 ? 0 : 1)
          if incident.threatType == .intentional { incident.identifiers = Self.identifiers(year: year, &traces) }
          incidents.append(incident)
        }
        let nearMisses = poisson(p.nearMissesPerSectorYear, &more)
        var misses: [Incident] = []
        for _ in 0..<nearMisses {
          let type = types[weightedIndex(types.map { $0 == .spillover ? 0 : p.threatMix[$0] ?? 0 }, &more)]
          let occurred = CalendarDay(year: year, ordinal: 1 + Int(more.next() % UInt64(CalendarDay.daysInYear(year))))
          let reporter = own[Int(more.next() % UInt64(own.count))]
          let sharing = scopes[weightedIndex(scopes.map { p.sharingMix[$0] ?? 0 }, &more)]
          misses.append(Incident(
            id: "", occurred: occurred, reported: occurred, sector: sector.id, operator: reporter.id, threatType: type,
            exceededVerificationLevel: false, sharing: sharing, reporter: reporter.id, synthetic: true,
            summary: "SYNTHETIC near miss (\(type.rawValue)) in \(sector.name)", nearMiss: true, severity: 0))
        }
        misses.sort { $0.occurred < $1.occurred }
        for (k, var miss) in misses.enumerated() {
          miss.id = "syn-\(year)-\(sector.id)-nm-\(k + 1)"
          incidents.append(miss)
        }
      }
    }
    incidents.sort { ($0.occurred, $0.id) < ($1.occurred, $1.id) }
    return (operators, incidents)
  }

  /// Exploited vulnerabilities the synthetic history draws from: real entries of CISA's
  /// KEV catalogue (CVE, the product as a `vendor/product` key, the year CISA added it),
  /// with a weight (how often a synthetic intrusion uses it), never before the year
  /// added.
  public static let exploitedVulnerabilities: [(cve: String, product: String, since: Int, weight: Double)] = [
    ("CVE-2018-13379", "fortinet/fortios", 2021, 3), ("CVE-2019-11510", "ivanti/pulse_connect_secure", 2021, 2),
    ("CVE-2021-26855", "microsoft/exchange_server", 2021, 2), ("CVE-2021-44228", "apache/log4j", 2021, 3),
    ("CVE-2022-1388", "f5/big-ip", 2022, 1.5), ("CVE-2023-27997", "fortinet/fortios", 2023, 4),
    ("CVE-2023-34362", "progress/moveit_transfer", 2023, 2), ("CVE-2023-4966", "citrix/netscaler_adc", 2023, 3),
    ("CVE-2023-20198", "cisco/ios_xe", 2023, 1.5), ("CVE-2024-3400", "paloaltonetworks/pan-os", 2024, 2.5),
    ("CVE-2024-21762", "fortinet/fortios", 2024, 2.5),
  ]

  /// A synthetic intrusion's identifiers: with probability 0.4 an exploited CVE (and
  /// T1190, Exploit Public-Facing Application, and the product), otherwise with
  /// probability 0.6 an initial access of T1566 (phishing), T1078 (valid accounts) or
  /// T1133 (external remote services); then with probability 0.5 an impact of T1486
  /// (data encrypted for impact), T1498 (network denial of service) or T1565 (data
  /// manipulation).
  static func identifiers(year: Int, _ rng: inout Xoshiro256StarStar) -> ThreatIdentifiers {
    var ids = ThreatIdentifiers()
    let available = exploitedVulnerabilities.filter { $0.since <= year }
    if rng.nextUnitDouble() < 0.4 && !available.isEmpty {
      let e = available[weightedIndex(available.map(\.weight), &rng)]
      ids.cve = [e.cve]
      ids.products = [e.product]
      ids.attack = ["T1190"]
    } else if rng.nextUnitDouble() < 0.6 {
      ids.attack = [["T1566", "T1078", "T1133"][weightedIndex([3, 2, 2], &rng)]]
    }
    if rng.nextUnitDouble() < 0.5 {
      ids.attack.append(["T1486", "T1498", "T1565"][weightedIndex([4, 2, 1], &rng)])
    }
    return ids
  }

  /// Poisson sample (Knuth's method; the means here are small).
  static func poisson(_ mean: Double, _ rng: inout Xoshiro256StarStar) -> Int {
    guard mean > 0 else { return 0 }
    // Knuth's method needs e^−mean, which underflows near mean 745: a larger mean is
    // drawn as a sum of Poisson draws of mean ≤ 500 (Poisson counts add).
    if mean > 500 {
      let parts = Int((mean / 500).rounded(.up))
      return (0..<parts).reduce(0) { total, _ in total + poisson(mean / Double(parts), &rng) }
    }
    let limit = exp(-mean)
    var k = 0
    var product = rng.nextUnitDouble()
    while product > limit {
      k += 1
      product *= rng.nextUnitDouble()
    }
    return k
  }

  static func weightedIndex(_ weights: [Double], _ rng: inout Xoshiro256StarStar) -> Int {
    let total = weights.reduce(0, +)
    var x = rng.nextUnitDouble() * total
    for (i, w) in weights.enumerated() {
      if x < w { return i }
      x -= w
    }
    return weights.lastIndex { $0 > 0 } ?? 0
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
