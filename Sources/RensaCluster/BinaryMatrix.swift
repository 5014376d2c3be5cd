/// A rows × columns matrix of bits, stored **word-major** for the distance kernels:
/// word `w` (columns 64w ..< 64w + 64) of every row lies in one contiguous run, so
/// a kernel comparing one row with many reads each run sequentially.
///
/// ```swift
/// let m = BinaryMatrix(rows: [[true, false, true], [true, true, false]])
/// m[0, 2]            // true
/// m.rowCounts        // [2, 2]
/// ```
public struct BinaryMatrix: Sendable, Hashable {
  /// Number of rows (entities).
  public let rowCount: Int
  /// Number of columns (features).
  public let columnCount: Int
  /// 64-bit words per row.
  public let wordsPerRow: Int
  /// `words[w * rowCount + r]` holds columns 64w ..< 64w + 64 of row r.
  var words: [UInt64]
  /// Set bits per row.
  public private(set) var rowCounts: [UInt32]

  /// An all-zero matrix.
  public init(rowCount: Int, columnCount: Int) {
    precondition(rowCount >= 0 && columnCount >= 0, "negative dimension")
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.wordsPerRow = (columnCount + 63) / 64
    self.words = [UInt64](repeating: 0, count: wordsPerRow * rowCount)
    self.rowCounts = [UInt32](repeating: 0, count: rowCount)
  }

  /// A matrix from rows of booleans of equal length.
  public init(rows: [[Bool]]) {
    let columns = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == columns }, "rows of unequal length")
    self.init(rowCount: rows.count, columnCount: columns)
    for (r, row) in rows.enumerated() { for (c, bit) in row.enumerated() where bit { self[r, c] = true } }
  }

  /// A matrix from (row, column) pairs of set bits; repeated pairs are harmless.
  ///
  /// - Precondition: every index is in range.
  public init(rowCount: Int, columnCount: Int, ones: [(row: Int, column: Int)]) {
    self.init(rowCount: rowCount, columnCount: columnCount)
    for (r, c) in ones { self[r, c] = true }
  }

  /// Bit `(row, column)`.
  public subscript(row: Int, column: Int) -> Bool {
    get {
      precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount, "index out of range")
      return words[(column >> 6) * rowCount + row] >> UInt64(column & 63) & 1 == 1
    }
    set {
      precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount, "index out of range")
      let index = (column >> 6) * rowCount + row
      let mask: UInt64 = 1 << UInt64(column & 63)
      let was = words[index] & mask != 0
      if newValue && !was {
        words[index] |= mask
        rowCounts[row] += 1
      } else if !newValue && was {
        words[index] &= ~mask
        rowCounts[row] -= 1
      }
    }
  }

  /// The set columns of a row, ascending.
  public func columns(ofRow row: Int) -> [Int] {
    var out: [Int] = []
    forEachSetBit(ofRow: row) { out.append($0) }
    return out
  }

  /// Calls `body` with each set column of `row`, ascending (one word at a time).
  @inline(__always)
  func forEachSetBit(ofRow row: Int, _ body: (Int) -> Void) {
    for w in 0..<wordsPerRow {
      var word = words[w * rowCount + row]
      while word != 0 {
        body(w * 64 + word.trailingZeroBitCount)
        word &= word - 1
      }
    }
  }

  /// Rows with no set bit.
  public var emptyRows: [Int] { rowCounts.indices.filter { rowCounts[$0] == 0 } }

  /// Bytes of the packed bits.
  public var byteCount: Int { words.count * 8 }
}
