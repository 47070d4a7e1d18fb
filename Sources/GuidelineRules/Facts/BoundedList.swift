/// A list of at most `capacity` plain values in memory allocated once, for the fact extractor's
/// per-sentence lists: an append is a store and a count, without the uniqueness and capacity
/// checks of `Array.append` (which cost more than the work on a match itself).
final class BoundedList<Element: BitwiseCopyable> {
    let capacity: Int
    // Used by one thread at a time (one list per scan): no dynamic exclusivity check per append.
    @exclusivity(unchecked) private(set) var count = 0
    private let base: UnsafeMutablePointer<Element>

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }  // plain values: nothing to deinitialize

    var isFull: Bool { count == capacity }
    var last: Element? { count > 0 ? base[count - 1] : nil }

    func append(_ element: Element) {
        precondition(count < capacity, "BoundedList is full")
        (base + count).initialize(to: element)
        count += 1
    }

    func removeAll() { count = 0 }

    /// The elements, valid until the next change.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
