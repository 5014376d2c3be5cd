// The generators live in RensaWorkloads (rensa-bench and the Benchmarks package use
// them too); re-exported, with the kernels they make inputs for and the package's
// utilities (the PRNG, the memory budget), so that tests importing the support module
// see them.
@_exported import InternalRensaUtilities
@_exported import RensaGraph
@_exported import RensaWorkloads
