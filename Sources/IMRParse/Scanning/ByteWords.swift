/// Tests on eight bytes at a time, for the passes that look at every byte of an input or an output
/// (UTF-8 checks, NUL checks, JSON escaping): letters are long runs of plain ASCII.
///
/// The word tests are the classic "has a zero byte" bit tricks. They never miss a matching byte;
/// they may also flag a byte just beyond a real match, so callers look byte by byte inside a
/// flagged word.
package enum ByteWords {
    package static let ones: UInt64 = 0x0101_0101_0101_0101
    package static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Nonzero when some byte of `x` is zero.
    @inline(__always) package static func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highBits }

    /// Nonzero when some byte of `x` equals `b`.
    @inline(__always) package static func byte(_ x: UInt64, equals b: UInt8) -> UInt64 { zeroByte(x ^ (ones &* UInt64(b))) }

    /// Nonzero when some byte of `x` is below `n` (n ≤ 128).
    @inline(__always) package static func byte(_ x: UInt64, below n: UInt8) -> UInt64 { (x &- ones &* UInt64(n)) & ~x & highBits }

    @inline(__always) static func word(_ base: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
    }

    /// The index of the first byte ≥ 0x80 at or after `start`, else `bytes.count`.
    package static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int {
        var i = start
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count, word(base, i) & highBits == 0 { i += 8 }
        }
        while i < bytes.count, bytes[i] < 0x80 { i += 1 }
        return i
    }

    /// The index of the first byte that is zero (NUL) or not ASCII, else `bytes.count`: one pass,
    /// sixteen bytes a step, that clears most letters of both checks at once.
    package static func firstZeroOrNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        if let base = bytes.baseAddress {
            while i + 16 <= bytes.count {
                let a = word(base, i), b = word(base, i + 8)
                if (zeroByte(a) | zeroByte(b) | ((a | b) & highBits)) != 0 { break }
                i += 16
            }
        }
        while i < bytes.count, bytes[i] != 0, bytes[i] < 0x80 { i += 1 }
        return i
    }

    /// Whether any byte is zero (NUL).
    package static func containsZero(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                if zeroByte(word(base, i)) != 0 { return true }
                i += 8
            }
        }
        while i < bytes.count { if bytes[i] == 0 { return true }; i += 1 }
        return false
    }
}
