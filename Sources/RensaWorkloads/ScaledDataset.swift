import Foundation
import RensaData
import RensaGraph
import InternalRensaUtilities

/// A large seeded dataset for timing the report and the analyses at scale: nisc-2009
/// (sectors, services, threats, sector couplings, scenarios, topics) plus synthetic
/// assets, dependencies and incidents (`rensa-bench generate-dataset`; Docs/Report.md,
/// Scale). Every asset depends on its sector, so the scenarios reach the assets; the
/// other dependencies join random assets (no pair twice), a fifth of them in pairs of
/// alternatives. Every asset has a site (with hazard zones), products and, for a third,
/// a service provider (the redundancy audit's causes). Incidents come from
/// ``SyntheticIncidents`` with 50 operators a sector. Everything is marked synthetic.
public enum ScaledDataset {
  /// - Precondition: `assets ≥ 1`, `dependencies ≥ assets`, `incidents ≥ 0`.
  public static func make(assets: Int, dependencies: Int, incidents: Int, seed: UInt64) -> Dataset {
    precondition(assets >= 1 && dependencies >= assets && incidents >= 0, "assets ≥ 1, dependencies ≥ assets, incidents ≥ 0")
    var d = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    var rng = Xoshiro256StarStar(seed: seed)
    let sectors = d.sectors.map(\.id)
    d.name = "nisc-2009-scale"
    d.description = "nisc-2009 with \(assets) synthetic assets, \(dependencies) dependencies and about \(incidents) synthetic incidents (rensa-bench generate-dataset, seed \(seed))"
    d.provenance += " Scaled up with synthetic assets, dependencies and incidents for timing (SYNTHETIC)."
    var newAssets: [Asset] = []
    newAssets.reserveCapacity(assets)
    for i in 0..<assets {
      let sector = sectors[Int(rng.next() % UInt64(sectors.count))]
      newAssets.append(Asset(id: "a\(i)", name: "Synthetic asset \(i)", sector: sector, users: rng.next() % 4 == 0 ? Int(rng.next() % 10_000) : nil))
    }
    var deps = d.dependencies
    deps.reserveCapacity(deps.count + dependencies)
    for a in newAssets {
      deps.append(Dependency(
        supplier: a.sector, dependent: a.id, kind: .other, class: .physical, timeToImpactHours: Double(rng.next() % 48),
        recoveryHours: 1, source: "assumption: synthetic"))
    }
    var added = assets
    var pair = 0
    var used = Set<Int>()  // supplier · assets + dependent: no dependency twice
    func freshSupplier(for dependent: Int) -> Int? {
      for _ in 0..<16 {
        let supplier = Int(rng.next() % UInt64(assets))
        if supplier != dependent && used.insert(supplier * assets + dependent).inserted { return supplier }
      }
      return nil
    }
    while added < dependencies {
      let dependent = Int(rng.next() % UInt64(assets))
      if rng.next() % 5 == 0 && added + 2 <= dependencies {
        // Two alternative suppliers: either suffices.
        guard let first = freshSupplier(for: dependent), let second = freshSupplier(for: dependent) else { continue }
        for supplier in [first, second] {
          deps.append(Dependency(
            supplier: "a\(supplier)", dependent: "a\(dependent)", kind: .other, class: .cyber, group: "g\(pair)",
            timeToImpactHours: Double(rng.next() % 24), recoveryHours: 1, source: "assumption: synthetic"))
        }
        pair += 1
        added += 2
      } else {
        guard let supplier = freshSupplier(for: dependent) else { continue }
        deps.append(Dependency(
          supplier: "a\(supplier)", dependent: "a\(dependent)", kind: .other, class: .cyber,
          timeToImpactHours: Double(rng.next() % 24), recoveryHours: 1, source: "assumption: synthetic"))
        added += 1
      }
    }
    // What the assets run and where they stand (issue 22), from a stream of its own so that
    // nothing drawn above changes: a site per asset among assets/20 sites (each in 0–2 of 40
    // hazard zones), 1–3 products from 2,000 (of 300 vendors; popular ones more often:
    // index = pool · u², u uniform), and for a third of the assets a service provider
    // among 200.
    var attributes = rng.stream(7 << 40)
    let siteCount = max(1, assets / 20)
    d.sites = (0..<siteCount).map { k in
      let zones = Int(attributes.next() % 3)
      let hazards = Set((0..<zones).map { _ in "zone:\(attributes.next() % 40)" }).sorted()
      return Site(id: "site-\(k)", name: "Synthetic site \(k)", hazards: hazards)
    }
    func popular(_ pool: Int) -> Int { min(pool - 1, Int(Double(pool) * pow(attributes.nextUnitDouble(), 2))) }
    for i in newAssets.indices {
      newAssets[i].site = "site-\(attributes.next() % UInt64(siteCount))"
      let products = 1 + Int(attributes.next() % 3)
      newAssets[i].products = Set((0..<products).map { _ in popular(2_000) }).sorted().map { p in "vendor\(p % 300)/product\(p)@\(1 + attributes.next() % 5).0" }
      if attributes.next() % 3 == 0 { newAssets[i].vendors = ["Provider \(popular(200))"] }
    }
    d.assets += newAssets
    d.dependencies = deps
    let years = 2021...2026
    var parameters = SyntheticIncidentParameters()
    parameters.seed = seed
    parameters.reportsPerSectorYear = Double(incidents) / Double(sectors.count * years.count)
    parameters.operatorsPerSector = 50
    let (operators, generated) = SyntheticIncidents.generate(for: d, parameters: parameters)
    d.operators = operators
    d.incidents = generated
    return d
  }
}
