#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stemmed keys of words already tokenized on this thread, so that a word the stemmer has seen
/// costs a table probe instead of `WordStem.stem` again (about 290 instructions a word; a letter's
/// narrative repeats most of the words that reach the stemmer, and a run of letters nearly all).
///
/// Direct-mapped by the word's running hash and checked against the word itself (its lower-cased
/// bytes, its length and whether it is an acronym's plural, the only thing of its case the stem
/// reads), so a hit gives exactly the key `Tokenizer.stemmedKey` would. One table per thread (a
/// POSIX thread-specific pointer, freed when the thread ends): no locks, no sharing.
struct StemCache {
    /// One remembered word: its bytes lower-cased in three words (zero past its end), its length
    /// with the acronym flag in bit 7 (0 marks an empty slot: stemmed words have 3 to 24 bytes), and
    /// its stemmed key.
    struct Entry {
        var a: UInt64
        var b: UInt64
        var c: UInt64
        var key: UInt64
        var tag: UInt64
    }

    /// 4,096 words (160 KB a thread): rule loading fills the table with the rule phrases' words, and a
    /// smaller table lost a quarter of a letter's words to collisions with them.
    static let slots = 4096
    let entries: UnsafeMutablePointer<Entry>

    /// This thread's table, made on first use.
    @inline(__always)
    static func forThisThread() -> StemCache {
        let k = threadKey
        if let p = pthread_getspecific(k) { return StemCache(entries: p.assumingMemoryBound(to: Entry.self)) }
        let raw = calloc(slots, MemoryLayout<Entry>.stride)!
        pthread_setspecific(k, raw)
        return StemCache(entries: raw.assumingMemoryBound(to: Entry.self))
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()

    /// The key of the word of ASCII letters `p[start..<start + n]` (3 to 24 bytes; `hash` is the key
    /// of all its bytes lower-cased), stemmed: remembered, or made by `Tokenizer.stemmedKey` and kept.
    @inline(__always)
    func stemmedKey(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: Int, _ hash: UInt64) -> UInt64 {
        let base = p.baseAddress! + start
        var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0
        if start &+ 24 <= p.count {
            // Three unaligned loads, lower-cased (letters only: bit 5 set is lower case) and cut at the word's end.
            let raw = UnsafeRawPointer(base)
            let lower: UInt64 = 0x2020_2020_2020_2020
            a = raw.loadUnaligned(as: UInt64.self) | lower
            b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) | lower
            c = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | lower
            if n < 8 { a &= (1 &<< UInt64(8 &* n)) &- 1; b = 0; c = 0 }
            else if n < 16 { b &= n == 8 ? 0 : (1 &<< UInt64(8 &* (n &- 8))) &- 1; c = 0 }
            else if n < 24 { c &= (1 &<< UInt64(8 &* (n &- 16))) &- 1 }
        } else {
            // Near the end of the buffer: byte by byte (little-endian, as the loads above read).
            for k in 0..<n {
                let v = UInt64(base[k] | 0x20) &<< UInt64(8 &* (k & 7))
                if k < 8 { a |= v } else if k < 16 { b |= v } else { c |= v }
            }
        }
        let last = base[n &- 1], beforeLast = base[n &- 2]
        let acronym: UInt64 = last == 115 && beforeLast >= 65 && beforeLast <= 90 ? 0x80 : 0
        let tag = UInt64(n) | acronym
        let slot = entries + Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(Self.slots &- 1))
        if slot.pointee.tag == tag, slot.pointee.a == a, slot.pointee.b == b, slot.pointee.c == c { return slot.pointee.key }
        let key = Tokenizer.stemmedKey(p, start, n, hash)
        slot.pointee = Entry(a: a, b: b, c: c, key: key, tag: tag)
        return key
    }
}
