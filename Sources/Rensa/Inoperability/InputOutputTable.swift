import RensaLinearAlgebra

/// A named vector of an input–output table beside the transactions: a final-demand
/// or export column (one value per industry row) or a value-added row (one value per
/// industry column).
public struct LabeledVector: Sendable, Hashable {
  /// The label as the table names it (e.g. `72_Consumption expenditure (private)`).
  public var label: String
  /// One value per industry, in ``InputOutputTable/sectors`` order.
  public var values: [Double]

  public init(label: String, values: [Double]) {
    self.label = label
    self.values = values
  }
}

/// Which side of an input–output table an inoperability model reads.
public enum InputOutputSide: String, Sendable, Hashable, CaseIterable {
  /// The demand-side (Leontief) IIM of Haimes & Jiang (2001) and Santos & Haimes
  /// (2004): a sector loses output when its **buyers** demand less.
  /// `A* = x̂⁻¹ A x̂`, `a*_ij = z_ij / x_i`.
  case demand
  /// The supply-side (Ghosh) IIM of Leung, Haimes & Santos (2007): a sector loses
  /// output when its **suppliers** deliver less. `A*ˢ = x̂⁻¹ Bᵀ x̂ = Aᵀ`,
  /// `a*ˢ_ij = z_ji / x_i`.
  case supply
}

/// An input–output table: transactions between industries, total output, and the
/// final-demand, export, import and value-added vectors around them.
///
/// ## Conventions (the ones existing tools most often get wrong)
/// - `transactions[i, j] = z_ij` is what industry **i sells to** industry **j**
///   (row = supplier, column = buyer), in money per year.
/// - `totalOutput[j] = x_j`; for a balanced table it equals the column sum (all
///   inputs of j, intermediate plus value added) and the row sum (all sales of j,
///   intermediate plus final demand plus exports minus imports).
/// - Technical (Leontief) coefficients `A = Z x̂⁻¹`: `a_ij = z_ij / x_j`, the input
///   from i per unit of j's output. Column sums below 1.
/// - Allocation (Ghosh) coefficients `B = x̂⁻¹ Z`: `b_ij = z_ij / x_i`, the share of
///   i's output sold to j. Row sums below 1 for a table without imported inputs.
/// - Demand-side interdependency `A* = x̂⁻¹ A x̂`: `a*_ij = z_ij / x_i`. Row i is the
///   **affected** sector, column j the **source** of the perturbation. Numerically
///   `A* = B`; the interpretation differs.
/// - Supply-side interdependency `A*ˢ = Aᵀ`: `a*ˢ_ij = a_ji = z_ji / x_i`.
public struct InputOutputTable: Sendable {
  /// Industry labels, in row (and column) order of ``transactions``.
  public var sectors: [String]
  /// `Z`: `z_ij` is industry i's sales to industry j.
  public var transactions: Matrix
  /// `x`: total output of each industry (> 0).
  public var totalOutput: [Double]
  /// Final-demand columns (consumption, investment, stock changes, …).
  public var finalDemand: [LabeledVector]
  /// Export columns.
  public var exports: [LabeledVector]
  /// Import columns, as the table gives them (negative when deducted).
  public var imports: [LabeledVector]
  /// Value-added rows (compensation, surplus, taxes, subsidies, …).
  public var valueAdded: [LabeledVector]
  /// Where the table came from (a path or a description), used in messages.
  public var source: String
  /// What the reader decided that a user should know: sectors dropped because
  /// the table records no activity for them, the side total output came from.
  public var notes: [String]

  /// A table from its parts, checked: a square, finite, nonnegative `Z` with unique
  /// labels; vectors of the right length; total output positive. With
  /// `totalOutput` nil, total output is the column sum of `Z` plus value added (or,
  /// without value added, the row sum of `Z` plus final demand, exports and
  /// imports); when both sides are complete they must agree to 1e-6 relative.
  ///
  /// - Throws: ``DataError`` naming each row and column at fault.
  public init(
    sectors: [String], transactions: Matrix, totalOutput: [Double]? = nil, finalDemand: [LabeledVector] = [],
    exports: [LabeledVector] = [], imports: [LabeledVector] = [], valueAdded: [LabeledVector] = [],
    source: String, notes: [String] = []
  ) throws(DataError) {
    var issues: [DataIssue] = []
    let n = sectors.count
    func issue(_ field: String?, _ reason: String, _ hint: String? = nil) {
      issues.append(DataIssue(file: source, field: field, reason: reason, hint: hint))
    }
    if n == 0 { issue(nil, "the table has no industries") }
    if transactions.rows != n || transactions.columns != n {
      issue(nil, "the transactions are \(transactions.rows)×\(transactions.columns) but there are \(n) industries",
            "the industry × industry block must be square")
      throw DataError(issues)
    }
    var seen: [String: Int] = [:]
    for (i, s) in sectors.enumerated() {
      if s.isEmpty { issue("industry \(i + 1)", "empty label") }
      if let first = seen[s] { issue(s, "industry label repeated (positions \(first + 1) and \(i + 1))") } else { seen[s] = i }
    }
    for j in 0..<n {
      for i in 0..<n {
        let z = transactions[i, j]
        if !z.isFinite {
          issue("\(sectors[i]) → \(sectors[j])", "flow is \(z)", "every transaction must be a finite number")
        } else if z < 0 {
          issue("\(sectors[i]) → \(sectors[j])", "negative flow \(z)",
                "intermediate transactions are nonnegative; net out negative entries (e.g. scrap) before importing")
        }
      }
    }
    for vector in finalDemand + exports + imports + valueAdded {
      if vector.values.count != n {
        issue(vector.label, "has \(vector.values.count) values for \(n) industries")
        continue
      }
      for (i, v) in vector.values.enumerated() where !v.isFinite {
        issue("\(vector.label) / \(sectors[i])", "value is \(v)", "every value must be a finite number")
      }
    }
    // Totals need finite values of the right shape; negative flows do not stop the
    // balance checks below, so that every problem is reported at once.
    if issues.contains(where: { !$0.reason.hasPrefix("negative flow") }) { throw DataError(issues) }

    var notes = notes
    var inputSide = [Double](repeating: 0, count: n)
    var outputSide = [Double](repeating: 0, count: n)
    for j in 0..<n { for i in 0..<n { inputSide[j] += transactions[i, j]; outputSide[i] += transactions[i, j] } }
    for v in valueAdded { for j in 0..<n { inputSide[j] += v.values[j] } }
    for v in finalDemand + exports + imports { for i in 0..<n { outputSide[i] += v.values[i] } }
    let hasInputSide = !valueAdded.isEmpty
    let hasOutputSide = !finalDemand.isEmpty
    let output: [Double]
    if let totalOutput {
      if totalOutput.count != n {
        issue("total output", "has \(totalOutput.count) values for \(n) industries")
        throw DataError(issues)
      }
      output = totalOutput
    } else if hasInputSide {
      output = inputSide
      notes.append("total output = intermediate inputs + value added (column sums)")
      if hasOutputSide {
        for i in 0..<n where abs(inputSide[i] - outputSide[i]) > 1e-6 * max(abs(inputSide[i]), abs(outputSide[i]), 1) {
          issue(sectors[i],
                "the table does not balance: inputs + value added = \(inputSide[i]) but sales + final demand + exports + imports = \(outputSide[i])",
                "a category may be missing or mislabelled; or give total output explicitly (a row or column named 'total')")
        }
      }
    } else if hasOutputSide {
      output = outputSide
      notes.append("total output = intermediate sales + final demand + exports + imports (row sums)")
    } else {
      issue(nil, "total output cannot be determined: the table has neither value added, final demand nor a total",
            "add a row named 'total' (total output per industry) or the value-added rows")
      throw DataError(issues)
    }
    for i in 0..<n {
      if !output[i].isFinite {
        issue(sectors[i], "total output is \(output[i])")
      } else if output[i] <= 0 {
        issue(sectors[i], "total output is \(output[i]), not positive",
              "coefficients divide by total output; remove the industry or correct its total")
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
    self.sectors = sectors
    self.transactions = transactions
    self.totalOutput = output
    self.finalDemand = finalDemand
    self.exports = exports
    self.imports = imports
    self.valueAdded = valueAdded
    self.source = source
    self.notes = notes
  }

  /// Number of industries.
  public var count: Int { sectors.count }

  /// Import ratios `m_i = imports_i / (Σ_j z_ij + Σ final demand_i)`: the share of
  /// the domestic demand for product i (intermediate and final, exports excluded)
  /// met by imports. Import columns are deducted (negative) in a balanced table;
  /// nil when the table has no import columns.
  public var importRatios: [Double]? {
    guard !imports.isEmpty else { return nil }
    return (0..<count).map { i in
      let imported = -imports.reduce(0) { $0 + $1.values[i] }
      var demand = 0.0
      for j in 0..<count { demand += transactions[i, j] }
      for f in finalDemand { demand += f.values[i] }
      return imported == 0 ? 0 : imported / demand
    }
  }

  /// The table with **domestic** flows only (the non-competitive-import form).
  ///
  /// In a competitive-import table (Japan's, for one) each `z_ij` includes
  /// imported product i, and the import column deducts it. Products largely
  /// imported (crude oil, ore) then show intermediate sales far above domestic
  /// output, and `A* = x̂⁻¹Z` rows summing well above 1. With the usual
  /// assumption that every user of product i imports the same share `m_i`:
  /// `z^d_ij = (1 − m_i)·z_ij`, final demand scaled alike, exports unchanged,
  /// import columns removed and the imported inputs `Σ_i m_i z_ij` added as a
  /// primary-input row. The technical coefficients become `(I − M̂)·A`, as in the
  /// standard Japanese model `(I − (I − M̂)A)⁻¹`.
  ///
  /// - Throws: ``DataError`` naming each industry whose import ratio is outside
  ///   [0, 1] (imports larger than domestic demand, or positive import entries).
  public func domesticFlows() throws(DataError) -> InputOutputTable {
    guard let ratios = importRatios else { return self }
    var issues: [DataIssue] = []
    for (i, m) in ratios.enumerated() where !(m.isFinite && m >= 0 && m <= 1) {
      issues.append(DataIssue(
        file: source, field: sectors[i], reason: "import ratio \(m) is outside [0, 1]",
        hint: "import columns must be deducted (negative) and not exceed domestic demand"))
    }
    if !issues.isEmpty { throw DataError(issues) }
    let n = count
    var z = transactions
    var importedInputs = [Double](repeating: 0, count: n)
    for j in 0..<n {
      for i in 0..<n {
        importedInputs[j] += ratios[i] * z[i, j]
        z[i, j] *= 1 - ratios[i]
      }
    }
    let domesticFinal = finalDemand.map { f in
      LabeledVector(label: f.label, values: f.values.enumerated().map { $1 * (1 - ratios[$0]) })
    }
    return try InputOutputTable(
      sectors: sectors, transactions: z, totalOutput: totalOutput, finalDemand: domesticFinal, exports: exports,
      imports: [], valueAdded: valueAdded + [LabeledVector(label: "imported intermediate inputs", values: importedInputs)],
      source: source,
      notes: notes + ["domestic flows: intermediate and final demand scaled by 1 − import ratio (competitive imports removed)"])
  }

  /// Technical coefficients `A = Z x̂⁻¹`, `a_ij = z_ij / x_j`.
  public var technicalCoefficients: Matrix {
    var a = transactions
    let n = count
    for j in 0..<n {
      let inv = 1 / totalOutput[j]
      for i in 0..<n { a.elements[i + j * n] *= inv }
    }
    return a
  }

  /// Allocation coefficients `B = x̂⁻¹ Z`, `b_ij = z_ij / x_i`.
  public var allocationCoefficients: Matrix {
    var b = transactions
    let n = count
    for j in 0..<n { for i in 0..<n { b.elements[i + j * n] /= totalOutput[i] } }
    return b
  }

  /// The Leontief inverse `(I − A)⁻¹`, formed explicitly (it is the table's
  /// multiplier matrix; analyses solve with the factorisation instead).
  public func leontiefInverse() throws(LinearAlgebraError) -> Matrix {
    try LUFactorization(Matrix.identity(count) - technicalCoefficients).inverse()
  }

  /// The Ghosh inverse `(I − B)⁻¹`.
  public func ghoshInverse() throws(LinearAlgebraError) -> Matrix {
    try LUFactorization(Matrix.identity(count) - allocationCoefficients).inverse()
  }

  /// The interdependency matrix `A*` of one side (see ``InputOutputSide``): row i
  /// the affected sector, column j the source.
  public func interdependencyMatrix(_ side: InputOutputSide = .demand) -> Matrix {
    switch side {
    case .demand: return allocationCoefficients
    case .supply: return technicalCoefficients.transposed
    }
  }

  /// The inoperability model of one side, with total output for economic losses.
  public func inoperabilityModel(_ side: InputOutputSide = .demand) throws(DataError) -> InoperabilityModel {
    try InoperabilityModel(
      sectors: sectors, interdependency: interdependencyMatrix(side), output: totalOutput,
      origin: "\(source) (\(side.rawValue) side)")
  }
}
