import InternalRensaUtilities
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads GraphML (as written by networkx's `write_graphml`, igraph's
/// `write_graphml`, yEd, Gephi, …) into a ``DependencyNetwork``, for researchers who
/// keep their networks in those tools.
///
/// - Edges go from `source` to `target`, read as **supplier → dependent**. An undirected
///   edge (`edgedefault="undirected"` or `directed="false"`) is a mutual dependency and
///   becomes two edges, one each way; the network's notes say how many.
/// - Edge data under the attribute names `group` and `need` (declared with `<key
///   for="edge" attr.name="group">` or `for="all"`) are requirement groups, and
///   `delay_h`, `recovery_h` and `probability` the cascade timing, as in edge lists;
///   other data are accepted and ignored.
/// - Every node must be declared with `<node id>`; declared nodes without edges are kept.
///
/// Refused, each with its line: nested graphs, hyperedges, ports, more than one graph,
/// duplicate node ids, edges naming undeclared nodes (with a did-you-mean), data under
/// undeclared keys, and malformed XML. External entities are never resolved. Reading is
/// all-or-nothing: every problem is listed in one ``DataError``.
public enum GraphMLReader {
  /// Parses a GraphML document.
  ///
  /// - Throws: ``DataError`` listing every problem.
  public static func parse(_ data: Data, file: String) throws(DataError) -> DependencyNetwork {
    // FoundationXML traps on an element or attribute name that is not UTF-8 (found by
    // fuzzing), so libxml2 is only ever given UTF-8: a document in another declared
    // encoding is converted first, and anything else that is not UTF-8 is refused.
    var data = data
    if String(data: data, encoding: .utf8) == nil {
      var text: String? = nil
      if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
        text = String(data: data, encoding: .utf16)
      } else if let name = declaredEncoding(data)?.0, let encoding = foreignEncodings[name] {
        text = String(data: data, encoding: encoding)
      }
      guard var text else {
        throw DataError([DataIssue(
          file: file, reason: "is not UTF-8 text: " + firstInvalidUTF8(data),
          hint: "save it as UTF-8, or declare its encoding in <?xml … encoding=\"…\"?>")])
      }
      // The declaration now says what the bytes are.
      if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
      data = Data(text.utf8)
      if let (_, range) = declaredEncoding(data) { data.replaceSubrange(range, with: Array("UTF-8".utf8)) }
    }
    // FoundationXML also crashes (strlen of a null pointer) on a processing instruction
    // without data, such as `<?xml?>` (found by fuzzing). Such an instruction carries
    // nothing, so it is blanked out, newlines kept, before parsing.
    data = blankEmptyProcessingInstructions(data)
    if let (line, column) = firstNUL(data) {
      throw DataError([DataIssue(file: file, line: line, reason: "a NUL byte at column \(column): XML does not allow it", hint: "is this a binary file?")])
    }
    // libxml2 (2.9) checks an element's attributes for duplicates pairwise, so one
    // element with 300,000 attributes takes minutes. GraphML elements carry a handful;
    // more than `maximumAttributes` is refused, in one linear pass, before parsing.
    if let (line, count) = attributeFlood(data) {
      throw DataError([DataIssue(
        file: file, line: line, reason: "an element with \(count) or more attributes: GraphML elements have a few",
        hint: "Rensa reads at most \(maximumAttributes) attributes per element; put data in <data> elements")])
    }
    let collector = Collector(file: file)
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = false
    parser.delegate = collector
    let finished = parser.parse()
    // FoundationXML reports some errors (a premature end) without failing parse().
    if let error = parser.parserError as NSError?, !collector.aborted {
      // libxml2 calls text without any element "empty"; say what the file is instead.
      let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
      if error.code == 4, let first, first != UInt8(ascii: "<") {
        collector.issue(line: 1, "not XML: the file does not start with '<'", hint: "a GraphML file starts with <?xml …?> or <graphml>")
      } else {
        collector.issue(line: parser.lineNumber, "malformed XML: \(describeXMLError(error.code))")
      }
      throw DataError(collector.issues)
    }
    if !finished || !collector.issues.isEmpty && !collector.sawGraphML { throw DataError(collector.issues) }
    if !collector.sawGraphML {
      collector.issue(line: nil, "no XML document element was found", hint: "the file is empty or is not XML")
      throw DataError(collector.issues)
    }
    if let open = collector.stack.last {
      collector.issue(line: parser.lineNumber, "malformed XML: the document ends before <\(open)> is closed")
      throw DataError(collector.issues)
    }
    return try collector.network()
  }

  /// The most attributes one element may have.
  static let maximumAttributes = 256

  /// The line of the first start tag with more than ``maximumAttributes`` attributes,
  /// and that count, found in one pass over the bytes (comments, CDATA sections,
  /// processing instructions, declarations and quoted values skipped); nil if none.
  static func attributeFlood(_ data: Data) -> (line: Int, count: Int)? {
    let bytes = [UInt8](data)
    let n = bytes.count
    var i = 0
    var line = 1
    func starts(_ text: String, at k: Int) -> Bool {
      let t = Array(text.utf8)
      return k + t.count <= n && Array(bytes[k..<(k + t.count)]) == t
    }
    /// Moves past `end`, counting lines.
    func skip(past end: String) {
      let t = Array(end.utf8)
      while i < n {
        if bytes[i] == 0x0A { line += 1 }
        if bytes[i] == t[0] && i + t.count <= n && Array(bytes[i..<(i + t.count)]) == t {
          i += t.count
          return
        }
        i += 1
      }
    }
    while i < n {
      let b = bytes[i]
      if b == 0x0A { line += 1; i += 1; continue }
      guard b == UInt8(ascii: "<") else { i += 1; continue }
      let next = i + 1 < n ? bytes[i + 1] : 0
      if next == UInt8(ascii: "!") {
        if starts("<!--", at: i) { i += 4; skip(past: "-->") }
        else if starts("<![CDATA[", at: i) { i += 9; skip(past: "]]>") }
        else { i += 2; skip(past: ">") }
        continue
      }
      if next == UInt8(ascii: "?") { i += 2; skip(past: "?>"); continue }
      if next == UInt8(ascii: "/") { i += 2; skip(past: ">"); continue }
      // A start tag: count '=' outside quoted values up to its '>'.
      let tagLine = line
      var count = 0
      var quote: UInt8? = nil
      i += 1
      while i < n {
        let c = bytes[i]
        if c == 0x0A { line += 1 }
        if let q = quote {
          if c == q { quote = nil }
        } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
          quote = c
        } else if c == UInt8(ascii: "=") {
          count += 1
          if count > maximumAttributes { return (tagLine, count) }
        } else if c == UInt8(ascii: ">") {
          i += 1
          break
        }
        i += 1
      }
    }
    return nil
  }

  /// `data` with every processing instruction that has no data (`<?name?>`, `<?name ?>`)
  /// replaced by spaces, so lines and columns stay where they were.
  static func blankEmptyProcessingInstructions(_ data: Data) -> Data {
    var bytes = [UInt8](data)
    var i = 0
    while i + 1 < bytes.count {
      guard bytes[i] == 0x3C, bytes[i + 1] == 0x3F else {  // "<?"
        i += 1
        continue
      }
      var j = i + 2
      while j < bytes.count && !(bytes[j] == 0x3F && j + 1 < bytes.count && bytes[j + 1] == 0x3E) { j += 1 }
      guard j < bytes.count else { break }
      // Target, then optional white space, then "?>": no data.
      var k = i + 2
      while k < j && ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[k]) { k += 1 }
      var m = k
      while m < j && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[m]) { m += 1 }
      if m == j {
        for p in i...(j + 1) where bytes[p] != 0x0A { bytes[p] = 0x20 }
      }
      // A "<?" inside this one is looked at too: libxml2 may recover and read it.
      i += 2
    }
    return Data(bytes)
  }

  /// Encodings a GraphML file may declare besides UTF-8 (lower case), converted to UTF-8
  /// before parsing.
  static let foreignEncodings: [String: String.Encoding] = [
    "iso-8859-1": .isoLatin1, "latin1": .isoLatin1, "iso-8859-2": .isoLatin2, "windows-1252": .windowsCP1252,
    "windows-1250": .windowsCP1250, "windows-1251": .windowsCP1251, "shift_jis": .shiftJIS, "euc-jp": .japaneseEUC,
    "iso-2022-jp": .iso2022JP, "utf-16": .utf16, "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
    "us-ascii": .ascii,
  ]

  /// The encoding named in the XML declaration (lower case) and where its name is.
  static func declaredEncoding(_ data: Data) -> (String, Range<Data.Index>)? {
    let head = Array(data.prefix(256))
    guard let key = head.firstRange(of: Array("encoding".utf8)), let close = head.firstRange(of: Array("?>".utf8)),
      key.upperBound < close.lowerBound, head.starts(with: Array("<?xml".utf8))
    else { return nil }
    var i = key.upperBound
    while i < close.lowerBound && [0x20, 0x3D].contains(head[i]) { i += 1 }
    guard i < close.lowerBound, head[i] == 0x22 || head[i] == 0x27 else { return nil }
    let quote = head[i]
    let start = i + 1
    var end = start
    while end < close.lowerBound && head[end] != quote { end += 1 }
    guard end < close.lowerBound, let name = String(bytes: head[start..<end], encoding: .ascii) else { return nil }
    return (name.lowercased(), (data.startIndex + start)..<(data.startIndex + end))
  }

  /// What a libxml2 error code (`xmlParserErrors`, which FoundationXML on Linux passes
  /// through without a message) means, in words.
  static func describeXMLError(_ code: Int) -> String {
    switch code {
    case 3: return "the document does not start with an XML element"
    case 4: return "the document is empty"
    case 5: return "the document is not well-formed at its end (an element left open or a mismatched end tag)"
    case 9: return "the document contains a character XML does not allow"
    case 23: return "an entity reference is not ended by ';'"
    case 26: return "an entity is used without being declared"
    case 38, 39, 40, 41: return "an attribute value is missing or not quoted properly"
    case 42: return "an attribute is given twice in one element"
    case 73: return "a tag is not closed by '>'"
    case 76: return "an end tag does not match the open element"
    case 77: return "a tag is not finished"
    case 1: return "the parser could not go on (libxml2 internal error 1)"
    default: return "libxml2 error code \(code)"
    }
  }

  /// Reads a GraphML file.
  ///
  /// - Throws: ``DataError`` for its content, or (``DataError/unreadable``) a file that
  ///   cannot be read.
  public static func read(path: String) throws(DataError) -> DependencyNetwork {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DataError(InputFileError(path: path, kind: .missing, detail: "no such file"))
    }
    if !isDirectory.boolValue {
      do { try checkReadingBudget(path) } catch { throw DataError(error) }
    }
    guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
      throw DataError(InputFileError(path: path, kind: .unreadable, detail: "cannot be read (a folder, or check its permissions)"))
    }
    return try parse(data, file: path)
  }

  /// Whether a path names a GraphML file (`.graphml`, or `.xml`).
  public static func isGraphML(path: String) -> Bool {
    let lower = path.lowercased()
    return lower.hasSuffix(".graphml") || lower.hasSuffix(".xml")
  }

  final class Collector: NSObject, XMLParserDelegate {
    struct Key {
      var domain: String
      var name: String
    }
    struct Edge {
      var source: String
      var target: String
      var directed: Bool
      var line: Int
      var data: [String: String] = [:]
    }

    let file: String
    var issues: [DataIssue] = []
    var keys: [String: Key] = [:]
    var nodes: [String] = []
    var nodeLines: [String: Int] = [:]
    var edges: [Edge] = []
    var graphs = 0
    var edgeDefaultDirected = true
    var sawGraphML = false
    /// Parsing was stopped on purpose (not GraphML).
    var aborted = false
    /// Open elements, innermost last.
    var stack: [String] = []
    /// The data element being read: its key and text.
    var dataKey: String? = nil
    var dataText = ""
    var dataLine = 0
    var currentEdge: Edge? = nil

    init(file: String) { self.file = file }

    func issue(line: Int?, field: String? = nil, _ reason: String, hint: String? = nil) {
      issues.append(DataIssue(file: file, line: line, field: field, reason: reason, hint: hint))
    }

    func parser(
      _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      let line = parser.lineNumber
      let name = element.split(separator: ":").last.map(String.init) ?? element
      defer { stack.append(name) }
      if stack.isEmpty {
        guard name == "graphml" else {
          issue(line: line, "the document element is <\(element)>, not <graphml>", hint: "is this a GraphML file?")
          aborted = true
          parser.abortParsing()
          return
        }
        sawGraphML = true
        return
      }
      switch name {
      case "key":
        guard let id = attributes["id"] else {
          issue(line: line, field: "key", "a <key> needs an 'id'")
          return
        }
        keys[id] = Key(domain: attributes["for"] ?? "all", name: attributes["attr.name"] ?? id)
      case "graph":
        if stack.contains("node") || stack.contains("edge") {
          issue(line: line, field: "graph", "nested graphs are not supported", hint: "flatten the graph before export")
        } else {
          graphs += 1
          if graphs == 2 {
            issue(line: line, field: "graph", "the file holds more than one graph", hint: "keep one <graph> per file")
          }
          switch attributes["edgedefault"] {
          case "undirected": edgeDefaultDirected = false
          case "directed", nil: edgeDefaultDirected = true
          case let other?:
            issue(line: line, field: "edgedefault", "'\(other)' is neither directed nor undirected")
          }
        }
      case "node":
        guard stack.last == "graph" else { return }
        guard let id = attributes["id"] else {
          issue(line: line, field: "node", "a <node> needs an 'id'")
          return
        }
        if let first = nodeLines[id] {
          issue(line: line, field: "node", "duplicate node id '\(id)'", hint: "first declared on line \(first)")
        } else {
          nodeLines[id] = line
          nodes.append(id)
        }
      case "edge":
        guard stack.last == "graph" else { return }
        guard let source = attributes["source"], let target = attributes["target"] else {
          issue(line: line, field: "edge", "an <edge> needs 'source' and 'target'")
          return
        }
        var directed = edgeDefaultDirected
        switch attributes["directed"] {
        case "true": directed = true
        case "false": directed = false
        case nil: break
        case let other?: issue(line: line, field: "directed", "'\(other)' is neither true nor false")
        }
        if attributes["sourceport"] != nil || attributes["targetport"] != nil {
          issue(line: line, field: "edge", "ports are not supported", hint: "connect the nodes themselves")
        }
        currentEdge = Edge(source: source, target: target, directed: directed, line: line)
      case "hyperedge":
        issue(line: line, field: "hyperedge", "hyperedges are not supported", hint: "replace each by ordinary edges")
      case "port":
        issue(line: line, field: "port", "ports are not supported", hint: "connect the nodes themselves")
      case "data":
        guard stack.last == "edge", currentEdge != nil else { return }
        guard let key = attributes["key"] else {
          issue(line: line, field: "data", "a <data> element needs a 'key'")
          return
        }
        guard keys[key] != nil else {
          let suggestion = didYouMean(key, among: keys.keys)
          issue(
            line: line, field: "data", "data under the undeclared key '\(key)'",
            hint: suggestion.map { "did you mean '\($0)'?" } ?? "declare it with <key id=\"\(key)\" for=\"edge\" …>")
          return
        }
        dataKey = key
        dataText = ""
        dataLine = line
      default:
        break
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if dataKey != nil { dataText += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
      if dataKey != nil { dataText += String(decoding: block, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
      let name = stack.popLast()
      if name == "data", let key = dataKey, let k = keys[key] {
        if k.domain == "edge" || k.domain == "all" {
          currentEdge?.data[k.name] = dataText.trimmingSpaces(newlines: true)
        } else {
          issue(line: dataLine, field: "data", "key '\(key)' is declared for \(k.domain), not for edges")
        }
        dataKey = nil
      } else if name == "edge", let edge = currentEdge {
        edges.append(edge)
        currentEdge = nil
      }
    }

    func network() throws(DataError) -> DependencyNetwork {
      if graphs == 0 && issues.isEmpty { issue(line: nil, "the file has no <graph> element") }
      var assembler = EdgeAssembler(file: file, declared: nodes, declaredIn: "the file's <node> elements")
      assembler.issues = issues
      var undirected = 0
      for edge in edges {
        let group = edge.data["group"].flatMap { $0.isEmpty ? nil : $0 }
        let need = edge.data["need"].flatMap { $0.isEmpty ? nil : $0 }
        var timing: [String: String] = [:]
        for field in EdgeAssembler.timingFields { if let v = edge.data[field], !v.isEmpty { timing[field] = v } }
        assembler.add(supplier: edge.source, dependent: edge.target, group: group, need: need, timing: timing, line: edge.line)
        if !edge.directed && edge.source != edge.target {
          undirected += 1
          assembler.add(
            supplier: edge.target, dependent: edge.source, group: group, need: need, timing: timing, line: edge.line)
        }
      }
      if undirected > 0 {
        assembler.notes.append(
          DataIssue(
            file: file,
            reason: "\(undirected) undirected edge\(undirected == 1 ? "" : "s") read as mutual dependencies (one edge each way)"))
      }
      if edges.isEmpty && nodes.isEmpty && assembler.issues.isEmpty {
        assembler.issues.append(DataIssue(file: file, reason: "the graph has no nodes"))
      }
      return try assembler.finish()
    }
  }
}
