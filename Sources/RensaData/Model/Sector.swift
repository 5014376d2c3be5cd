/// A critical-infrastructure sector (the plan's ten by default; datasets may define others).
public struct Sector: Sendable, Hashable, Codable {
  /// Identifier, e.g. `electric-power`.
  public var id: String
  /// English name.
  public var name: String
  /// Japanese name, e.g. 電力.
  public var nameJa: String?
  /// Free-text notes (scope, sub-sectors).
  public var notes: String?

  public init(id: String, name: String, nameJa: String? = nil, notes: String? = nil) {
    self.id = id
    self.name = name
    self.nameJa = nameJa
    self.notes = notes
  }
}

/// A critical-infrastructure operator: a company or body in a sector.
public struct Operator: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  /// The operator's sector.
  public var sector: String

  public init(id: String, name: String, sector: String) {
    self.id = id
    self.name = name
    self.sector = sector
  }
}

/// A critical system or physical asset needed to provide a CI service.
public struct Asset: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  public var nameJa: String?
  /// The asset's sector.
  public var sector: String
  /// The operator running it, if known.
  public var `operator`: String?
  /// People served (weights service-hours lost), if known.
  public var users: Int?
  /// Free-text notes.
  public var notes: String?
  /// The products it runs: CPE 2.3 names, package URLs or `vendor/product[@version]`
  /// (``ProductReference``).
  public var products: [String]
  /// Its vendors and service providers (maintenance, cloud, carrier, …), by name.
  public var vendors: [String]
  /// The site it stands at (a ``Site`` id of the dataset).
  public var site: String?

  public init(
    id: String, name: String, nameJa: String? = nil, sector: String, operator: String? = nil, users: Int? = nil,
    notes: String? = nil, products: [String] = [], vendors: [String] = [], site: String? = nil
  ) {
    self.id = id
    self.name = name
    self.nameJa = nameJa
    self.sector = sector
    self.operator = `operator`
    self.users = users
    self.notes = notes
    self.products = products
    self.vendors = vendors
    self.site = site
  }

  /// Its products as references (those that cannot be read are left out; a validated
  /// dataset has none).
  public var productReferences: [ProductReference] {
    products.compactMap { try? ProductReference.parse($0).get() }
  }
}
