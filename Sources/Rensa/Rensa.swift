// `import Rensa` is enough to use the analyses: the model and its readers (RensaData)
// and the kernel types that the analyses' public API takes and returns (`Matrix`,
// `Digraph`, `ClosureOptions`, `LinkageMethod`, …) are re-exported, as swift-numerics'
// umbrella module does.
@_exported import RensaCluster
@_exported import RensaData
@_exported import RensaGraph
@_exported import RensaLinearAlgebra
