/// A growable byte buffer that owns its memory, for writers that append a few bytes at a time.
///
/// `[UInt8].append` checks uniqueness and capacity out of line on every call; the JSON writer
/// appends a key, a quote or a comma hundreds of times per item, and those checks cost more than
/// the bytes. Not copyable, so the memory has exactly one owner.
package struct ByteBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    package private(set) var count = 0
    private var capacity: Int

    package init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// A copy of the bytes written.
    package var array: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.initialize(from: start, count: count)
            initialized = count
        }
    }

    /// The bytes written, in place (handed to `write(2)` without a copy).
    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start[count] = byte
        count += 1
    }

    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (start + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    package mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    package mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    package mutating func append(repeating byte: UInt8, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (start + count).initialize(repeating: byte, count: n)
        count += n
    }

    /// Appends `n` bytes that `fill` writes in place (digits written back to front).
    @inline(__always)
    package mutating func append(count n: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        if count + n > capacity { grow(to: count + n) }
        fill(UnsafeMutableBufferPointer(start: start + count, count: n))
        count += n
    }

    /// Takes back the last `n` bytes written.
    package mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count)
        count -= n
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.initialize(from: start, count: count)
        start.deallocate()
        start = bigger
        capacity = newCapacity
    }
}
