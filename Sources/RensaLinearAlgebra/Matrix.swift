/// A dense matrix of `Double` in **column-major** order (the layout of BLAS and
/// LAPACK): element `(i, j)` is `elements[i + j * rows]`.
///
/// ```swift
/// var a = Matrix(rowMajor: [[1, 2], [3, 4]])
/// a[0, 1]            // 2
/// a.elements         // [1, 3, 2, 4]
/// let b = a * Matrix.identity(2)
/// ```
public struct Matrix: Sendable, Hashable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Elements in column-major order; `rows × columns` of them.
  public var elements: [Double]

  /// A `rows × columns` matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "negative matrix dimension")
    self.rows = rows
    self.columns = columns
    self.elements = [Double](repeating: value, count: rows * columns)
  }

  /// A matrix from column-major elements.
  ///
  /// - Precondition: `elements.count == rows * columns`.
  public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
    precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns, "element count mismatch")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix from rows given as arrays of equal length.
  public init(rowMajor values: [[Double]]) {
    let r = values.count
    let c = values.first?.count ?? 0
    precondition(values.allSatisfy { $0.count == c }, "rows of unequal length")
    var elements = [Double](repeating: 0, count: r * c)
    for i in 0..<r { for j in 0..<c { elements[i + j * r] = values[i][j] } }
    self.init(rows: r, columns: c, columnMajor: elements)
  }

  /// The rows as arrays: the inverse of ``init(rowMajor:)``.
  ///
  /// - Complexity: O(rows × columns).
  public var rowMajor: [[Double]] { (0..<rows).map { row($0) } }

  /// A column vector.
  public init(column values: [Double]) {
    self.init(rows: values.count, columns: 1, columnMajor: values)
  }

  /// The `n × n` identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i + i * n] = 1 }
    return m
  }

  /// Element `(row, column)`.
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { elements[row + column * rows] }
    set { elements[row + column * rows] = newValue }
  }

  /// Whether the matrix is square.
  public var isSquare: Bool { rows == columns }

  /// The transpose.
  ///
  /// - Complexity: O(rows · columns).
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns { for i in 0..<rows { t.elements[j + i * columns] = elements[i + j * rows] } }
    return t
  }

  /// Column `j` as an array.
  public func column(_ j: Int) -> [Double] { Array(elements[(j * rows)..<((j + 1) * rows)]) }

  /// Row `i` as an array.
  public func row(_ i: Int) -> [Double] { (0..<columns).map { self[i, $0] } }

  /// The largest absolute element (0 for an empty matrix).
  public var maxAbs: Double { elements.reduce(0) { max($0, abs($1)) } }

  /// The Frobenius norm.
  public var frobeniusNorm: Double { elements.reduce(0) { $0 + $1 * $1 }.squareRoot() }

  /// Element-wise difference.
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "dimension mismatch")
    return Matrix(rows: lhs.rows, columns: lhs.columns, columnMajor: zip(lhs.elements, rhs.elements).map { $0 - $1 })
  }

  /// Element-wise sum.
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "dimension mismatch")
    return Matrix(rows: lhs.rows, columns: lhs.columns, columnMajor: zip(lhs.elements, rhs.elements).map { $0 + $1 })
  }
}
