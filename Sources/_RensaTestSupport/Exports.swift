// The generators live in RensaGraph (the CLI's `bench generate` uses them too);
// re-exported so that tests importing the support module see them.
@_exported import RensaGraph
