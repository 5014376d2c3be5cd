import Foundation
import Synchronization

/// A second thread for the nearest-neighbour chain: it takes the upper half of each
/// long scan or update, so that both cores wait on memory at once (the chain is bound
/// by memory latency, not arithmetic).
///
/// Hand-offs cost a few hundred nanoseconds: the main thread publishes the phase's
/// parameters, then bumps `posted` (release); the helper spins on it (acquire), runs
/// its half and publishes `finished`. The helper spins only while one linkage runs
/// and is joined at its end.
///
/// Results do not depend on the helper: each entry is written by one thread, and the
/// halves' least keys are combined so that the lower half wins ties, exactly as one
/// thread going through the clusters in index order would decide.
final class ChainHelper<L: DistanceLayout>: @unchecked Sendable {
  enum Phase { case scan, update, stop }

  let posted = Atomic<Int>(0)
  let finished = Atomic<Int>(0)
  // The current phase's parameters, written before `posted` is released.
  var phase = Phase.scan
  var range = 0..<0
  var x = 0
  var y = 0
  var nx = 0
  var ny = 0
  var height = 0.0
  // Results: the helper's least keys (scan and update) and joined clusters (update).
  var selection: Selection
  let joined: UnsafeMutablePointer<(Int, Double)>
  var joinedCount = 0
  let lists: NeighbourLists?

  let d: UnsafeMutablePointer<Double>
  let layout: L
  let size: UnsafeMutablePointer<Int>
  let method: LinkageMethod
  var active: UnsafePointer<Int>
  private var generation = 0
  private let thread: Thread

  init(
    d: UnsafeMutablePointer<Double>, layout: L, size: UnsafeMutablePointer<Int>, active: UnsafePointer<Int>,
    lists: NeighbourLists?, selection: Selection, joined: UnsafeMutablePointer<(Int, Double)>, method: LinkageMethod
  ) {
    self.d = d
    self.lists = lists
    self.selection = selection
    self.joined = joined
    self.layout = layout
    self.size = size
    self.active = active
    self.method = method
    let box = HelperBox<L>()
    self.thread = Thread { box.helper?.loop() }
    box.helper = self
    thread.start()
  }

  /// The helper's loop: wait for a phase, run it, report.
  func loop() {
    var seen = 0
    while true {
      var g = posted.load(ordering: .acquiring)
      while g == seen {
        g = posted.load(ordering: .acquiring)
      }
      seen = g
      switch phase {
      case .stop:
        finished.store(g, ordering: .releasing)
        return
      case .scan:
        Linkage.scan(d: d, layout: layout, active: active, size: size, range: range, x: x, into: &selection)
      case .update:
        joinedCount = Linkage.update(
          d: d, layout: layout, active: active, size: size, lists: lists, range: range, x: x, y: y, nx: nx, ny: ny, height: height,
          method: method, into: &selection, joined: joined)
      }
      finished.store(g, ordering: .releasing)
    }
  }

  /// Starts the current parameters on the helper.
  func post() {
    generation += 1
    posted.store(generation, ordering: .releasing)
  }

  /// Waits until the helper has finished the last posted phase.
  func wait() {
    while finished.load(ordering: .acquiring) != generation {}
  }

  /// Stops and joins the helper.
  func stop() {
    phase = .stop
    post()
    wait()
  }
}

/// Carries the helper into its thread's closure before the helper is fully built.
private final class HelperBox<L: DistanceLayout>: @unchecked Sendable {
  var helper: ChainHelper<L>?
}
