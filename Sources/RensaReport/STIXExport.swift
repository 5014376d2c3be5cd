import Rensa

/// SHA-1 (FIPS 180-4), only for name-based UUIDs (RFC 9562 version 5), which STIX 2.1
/// recommends for identifiers derived from content: the same report gives the same ids,
/// so a platform that ingests it twice updates its objects instead of duplicating them.
/// Not for security.
enum SHA1 {
  static func digest(_ bytes: [UInt8]) -> [UInt8] {
    var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    let message = SHA256.padded(bytes)
    var w = [UInt32](repeating: 0, count: 80)
    for chunk in stride(from: 0, to: message.count, by: 64) {
      for t in 0..<16 {
        let b = chunk + 4 * t
        w[t] = UInt32(message[b]) << 24 | UInt32(message[b + 1]) << 16 | UInt32(message[b + 2]) << 8 | UInt32(message[b + 3])
      }
      for t in 16..<80 {
        let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
        w[t] = x << 1 | x >> 31
      }
      var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
      for t in 0..<80 {
        let (f, k): (UInt32, UInt32) =
          t < 20 ? ((b & c) | (~b & d), 0x5A82_7999) : t < 40 ? (b ^ c ^ d, 0x6ED9_EBA1)
          : t < 60 ? ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC) : (b ^ c ^ d, 0xCA62_C1D6)
        let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[t]
        e = d
        d = c
        c = b << 30 | b >> 2
        b = a
        a = temp
      }
      h[0] = h[0] &+ a
      h[1] = h[1] &+ b
      h[2] = h[2] &+ c
      h[3] = h[3] &+ d
      h[4] = h[4] &+ e
    }
    return h.flatMap { v in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> UInt32($0)) } }
  }

  /// A version-5 UUID of `name` in `namespace` (RFC 9562 §5.5), lower case.
  static func uuid5(namespace: [UInt8], name: String) -> String {
    var d = Array(digest(namespace + Array(name.utf8)).prefix(16))
    d[6] = d[6] & 0x0F | 0x50
    d[8] = d[8] & 0x3F | 0x80
    let hex = d.map { String($0, radix: 16).leftPadded(2) }.joined()
    let p = Array(hex)
    return String(p[0..<8]) + "-" + String(p[8..<12]) + "-" + String(p[12..<16]) + "-" + String(p[16..<20]) + "-" + String(p[20..<32])
  }

  /// The OASIS namespace for STIX 2.1 identifiers, `00abedb4-aa42-466c-9c01-fed23315a9b7`.
  static let stixNamespace: [UInt8] = [
    0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7,
  ]
}

extension String {
  fileprivate func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}

extension AnnualReport {
  /// The TLP 2.0 marking definitions of the OASIS extension
  /// (`extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d`).
  static let tlp20: [SharingScope: String] = [
    .clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    .green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    .amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    .amberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    .red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
  ]

  /// STIX 2.1 `industry-sector-ov` for a sector, from words of its id and name (nil: none
  /// fits; the identity then has no `sectors`).
  static func industrySector(_ s: Sector) -> String? {
    let words = (s.id + " " + s.name).lowercased()
    let table: [(keys: [String], value: String)] = [
      (["financ", "bank", "insurance", "securities"], "financial-services"), (["electric", "power", "gas", "energy"], "energy"),
      (["water"], "infrastructure-water"), (["medical", "health", "hospital"], "healthcare"),
      (["local"], "government-local"), (["government", "administrat"], "government-national"),
      (["aviation", "railway", "rail", "logistics", "transport", "airport", "port"], "transportation"),
      (["information", "telecom", "communication", "broadcast"], "telecommunications"), (["chemical"], "chemical"),
      (["credit card", "credit"], "financial-services"), (["petroleum", "oil"], "energy"),
    ]
    return table.first { $0.keys.contains(where: words.contains) }?.value
  }

  /// The year's findings as a STIX 2.1 bundle (`rensa report --format stix`): the
  /// report's TLP 2.0 marking definition on every object; the producer and each sector
  /// named as identities; each published CVE as a vulnerability (KEV-labelled) and each
  /// published ATT&CK technique as an attack-pattern; a sighting of each, counting the
  /// incidents that name it, where sighted the sectors it reached; and a report object
  /// listing them. The findings only at TLP:AMBER and above, where the report publishes
  /// them; below it the bundle holds the marking, the producer and an empty report. Ids
  /// are version-5 UUIDs of the
  /// content (the same report, the same ids); times are the end of the year reported.
  static func stixBundle(_ c: Context, stem: String) -> String {
    let mark = tlp20[c.options.audience]!
    let stamp: String = {
      // The first instant after the counting year: 1 January, or 1 April of the next year for a fiscal year.
      c.options.fiscalYear ? "\(c.year + 1)-04-01T00:00:00.000Z" : "\(c.year + 1)-01-01T00:00:00.000Z"
    }()
    let start = c.options.fiscalYear ? "\(c.year)-04-01T00:00:00.000Z" : "\(c.year)-01-01T00:00:00.000Z"
    func id(_ type: String, _ key: String) -> String { "\(type)--" + SHA1.uuid5(namespace: SHA1.stixNamespace, name: "rensa:\(stem):\(type):\(key)") }
    let producer = id("identity", "producer")
    func common(_ type: String, _ id: String) -> [(String, JSONValue)] {
      [("type", .string(type)), ("spec_version", .string("2.1")), ("id", .string(id)), ("created", .string(stamp)),
       ("modified", .string(stamp)), ("created_by_ref", .string(producer)), ("object_marking_refs", .array([.string(mark)]))]
    }
    var objects: [JSONValue] = []
    let level = c.options.audience.rawValue.lowercased()
    objects.append(.object([
      ("type", .string("marking-definition")), ("spec_version", .string("2.1")), ("id", .string(mark)),
      ("created", .string("2022-10-01T00:00:00.000Z")), ("name", .string("TLP:\(c.options.audience.rawValue)")),
      ("extensions", .object([
        ("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d", .object([
          ("extension_type", .string("property-extension")), ("tlp_2_0", .string(level)),
        ]))
      ])),
    ]))
    objects.append(.object(common("identity", producer).filter { $0.0 != "created_by_ref" } + [
      ("name", .string(c.text.stixProducer(dataset: c.dataset.name))), ("identity_class", .string("organization")),
    ]))
    var refs: [String] = []
    // Below AMBER the findings are not published: the bundle says what it is and holds none.
    let rows = c.view.suppresses ? [] : CommonThreats.publishedIdentifiers(c)
    let sectorIDs = Set(rows.flatMap(\.sectors))
    var sectorRef: [String: String] = [:]
    for s in c.dataset.sectors where sectorIDs.contains(s.id) {
      let ref = id("identity", "sector:\(s.id)")
      sectorRef[s.id] = ref
      var fields = common("identity", ref) + [("name", .string(c.name(ofSector: s.id))), ("identity_class", .string("class"))]
      if let industry = industrySector(s) { fields.append(("sectors", .array([.string(industry)]))) }
      objects.append(.object(fields))
      refs.append(ref)
    }
    let kev = Dictionary(c.options.knownExploited.map { ($0.cve.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
    let names = CommonThreats.techniqueNames(c)
    for r in rows where r.id.kind != .product {
      let object: String
      var fields: [(String, JSONValue)]
      if r.id.kind == .cve {
        object = id("vulnerability", r.id.value)
        fields = common("vulnerability", object) + [
          ("name", .string(r.id.value)),
          ("external_references", .array([.object([("source_name", .string("cve")), ("external_id", .string(r.id.value))])])),
        ]
        if let k = kev[r.id.value] {
          fields.append(("description", .string(c.text.stixKEV(added: k.dateAdded.description, ransomware: k.knownRansomwareUse))))
          fields.append(("labels", .array([.string("known-exploited")])))
        }
      } else {
        object = id("attack-pattern", r.id.value)
        fields = common("attack-pattern", object) + [
          ("name", .string(names[r.id.value] ?? r.id.value)),
          ("external_references", .array([.object([
            ("source_name", .string(r.id.value.hasPrefix("T0") ? "mitre-ics-attack" : "mitre-attack")), ("external_id", .string(r.id.value)),
          ])])),
        ]
      }
      objects.append(.object(fields))
      refs.append(object)
      let sighting = id("sighting", r.id.value)
      var s = common("sighting", sighting) + [
        ("first_seen", .string(start)), ("last_seen", .string(stamp)), ("count", .int(r.incidents)),
        ("sighting_of_ref", .string(object)),
      ]
      let where_ = r.sectors.compactMap { sectorRef[$0] }
      if !where_.isEmpty { s.append(("where_sighted_refs", .array(where_.map { .string($0) }))) }
      s.append(("description", .string(c.text.stixSighting(year: c.year, incidents: r.incidents, sectors: r.sectors.map(c.name(ofSector:))))))
      objects.append(.object(s))
      refs.append(sighting)
    }
    let report = id("report", "report")
    objects.append(.object(common("report", report) + [
      ("name", .string(c.text.reportTitle(year: c.year, dataset: c.dataset.name) + " (TLP:\(c.options.audience.rawValue))")),
      ("report_types", .array([.string("threat-report")])), ("published", .string(stamp)),
      ("object_refs", .array((refs.isEmpty ? [producer] : refs).map { .string($0) })),
    ]))
    let bundle: JSONValue = .object([
      ("type", .string("bundle")), ("id", .string(id("bundle", "bundle"))), ("objects", .array(objects)),
    ])
    return bundle.serialized(pretty: true) + "\n"
  }
}
