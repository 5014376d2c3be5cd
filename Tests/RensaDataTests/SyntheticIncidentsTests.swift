import Foundation
import Testing
import _RensaTestSupport
import RensaData

@Suite struct SyntheticIncidentsTests {
  let base = BuiltinDatasets.nisc2009(syntheticIncidents: nil)

  @Test func largeMeansAreNotCapped() {
    // Knuth's Poisson sampler underflows near mean 745; the history must keep scaling.
    let base = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    var small = SyntheticIncidentParameters()
    small.years = 2026...2026
    small.reportsPerSectorYear = 400
    var large = small
    large.reportsPerSectorYear = 1_200
    let a = SyntheticIncidents.generate(for: base, parameters: small).incidents.count
    let b = SyntheticIncidents.generate(for: base, parameters: large).incidents.count
    #expect(abs(Double(b) / Double(a) - 3) < 0.15, "\(a) then \(b) incidents")
  }

  @Test func deterministicForASeedAndDifferentAcrossSeeds() {
    let a = SyntheticIncidents.generate(for: base, parameters: .init(seed: 7))
    let b = SyntheticIncidents.generate(for: base, parameters: .init(seed: 7))
    let c = SyntheticIncidents.generate(for: base, parameters: .init(seed: 8))
    #expect(a.incidents == b.incidents && a.operators == b.operators)
    #expect(a.incidents != c.incidents)
  }

  @Test func labelledSyntheticAndCoverEveryScopeAndType() {
    let history = SyntheticIncidents.generate(for: base)
    #expect(!history.incidents.isEmpty)
    #expect(history.incidents.allSatisfy { $0.synthetic && $0.summary?.hasPrefix("SYNTHETIC") == true })
    #expect(history.operators.allSatisfy { $0.name.hasPrefix("Synthetic operator") })
    #expect(Set(history.incidents.map(\.sharing)) == Set(SharingScope.allCases))
    #expect(Set(history.incidents.map(\.threatType)) == Set(ThreatType.allCases))
    #expect(Set(history.incidents.map(\.occurred.year)) == Set(2021...2026))
  }

  @Test func spilloversFollowTheModelledDependencies() {
    let history = SyntheticIncidents.generate(for: base)
    let spills = history.incidents.filter { $0.threatType == .spillover }
    #expect(!spills.isEmpty)
    for incident in spills {
      let origin = try! #require(incident.originSector)
      #expect(base.dependencies.contains { $0.supplier == origin && $0.dependent == incident.sector })
    }
  }

  @Test func consistentWithUserCountedVerificationLevels() {
    let history = SyntheticIncidents.generate(for: base)
    let telecom = base.services.first { $0.id == "telecom-service" }!.verificationLevel
    let reports = history.incidents.filter { $0.service == "telecom-service" }
    #expect(!reports.isEmpty)
    for r in reports {
      let users = Double(r.affectedUsers!)
      #expect(r.exceededVerificationLevel == telecom.isExceeded(amount: users, hours: r.durationHours!))
    }
  }

  @Test func theFullBuiltInDatasetPassesValidation() throws {
    let full = BuiltinDatasets.nisc2009()
    #expect(full.hasSyntheticIncidents)
    let reread = try DatasetReader.parse(DatasetWriter.json(full), file: "nisc-2009-with-incidents.json")
    #expect(reread == full)
  }

  @Test func countsMatchThePoissonParameters() {
    let p = SyntheticIncidentParameters(reportsPerSectorYear: 20)
    let history = SyntheticIncidents.generate(for: base, parameters: p)
    let baseMix = p.threatMix.values.reduce(0, +)
    var expected = 0.0
    var expectedIntentional = [Int: Double]()
    for year in p.years {
      let growth = pow(1 + p.intentionalGrowth, Double(year - p.years.lowerBound))
      let mix = baseMix - p.threatMix[.intentional]! + p.threatMix[.intentional]! * growth
      expected += Double(base.sectors.count) * p.reportsPerSectorYear * mix / baseMix
      expectedIntentional[year] = Double(base.sectors.count) * p.reportsPerSectorYear * p.threatMix[.intentional]! * growth / baseMix
    }
    // Poisson: standard deviation is the square root of the mean; allow 4 of them. Near
    // misses are drawn apart, with their own mean.
    let failures = history.incidents.filter { !$0.isNearMiss }
    #expect(abs(Double(failures.count) - expected) < 4 * expected.squareRoot())
    let misses = Double(history.incidents.count - failures.count)
    let expectedMisses = Double(base.sectors.count * p.years.count) * p.nearMissesPerSectorYear
    #expect(abs(misses - expectedMisses) < 4 * expectedMisses.squareRoot(), "near misses")
    #expect(history.incidents.allSatisfy { !$0.isNearMiss || (!$0.exceededVerificationLevel && $0.severity == 0) })
    #expect(failures.allSatisfy { $0.severity != nil && $0.affectedProperties.contains(.availability) })
    for year in [2021, 2026] {
      let observed = Double(failures.filter { $0.occurred.year == year && $0.threatType == .intentional }.count)
      let mean = expectedIntentional[year]!
      #expect(abs(observed - mean) < 4 * mean.squareRoot(), "intentional incidents in \(year)")
    }
  }
}
