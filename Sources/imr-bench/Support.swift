import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic time in nanoseconds.
@inline(__always) func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// CPU time of the calling thread in nanoseconds.
@inline(__always) func threadCPUNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Peak resident set size in KB (Linux reports `ru_maxrss` in kilobytes).
func peakRSSKB(children: Bool = false) -> Int {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(__rusage_who_t((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue), &usage)
    #else
    getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage)
    #endif
    #if os(macOS)
    return usage.ru_maxrss / 1024
    #else
    return usage.ru_maxrss
    #endif
}

/// Writes a string to standard error (diagnostics and progress never go to standard output).
func note(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}

/// Writes a line to standard output immediately (results, tables, progress lines of `fuzz`).
func say(_ s: String) {
    var bytes = Array(s.utf8)
    bytes.append(10)
    bytes.withUnsafeBufferPointer { p in
        var done = 0
        while done < p.count {
            let n = write(1, p.baseAddress! + done, p.count - done)
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
            done += n
        }
    }
}

/// Writes `bytes` to `path`, creating or truncating it (POSIX calls: thousands of small files a second).
@discardableResult
func writeFile(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var done = 0
    while done < bytes.count {
        let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
        if n <= 0 { if n < 0 && errno == EINTR { continue }; return false }
        done += n
    }
    return true
}

@discardableResult
func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { writeFile(path, $0) }
}

/// Reads a whole file with POSIX calls; nil when it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    let size = Int(st.st_size)
    var out = [UInt8](repeating: 0, count: size)
    var done = 0
    let ok = out.withUnsafeMutableBytes { p -> Bool in
        while done < size {
            let n = read(fd, p.baseAddress! + done, size - done)
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { break }
            done += n
        }
        return true
    }
    guard ok else { return nil }
    if done < size { out.removeLast(size - done) }
    return out
}

/// Creates a folder and its parents; true when it exists afterwards.
@discardableResult
func makeDirectory(_ path: String) -> Bool {
    (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil
}

/// The project checkout (the folder with Package.swift, Rules/ and the fixture letters): `--root`,
/// else the nearest such folder above the current directory, else above the executable.
func projectRoot(_ explicit: String?) -> String? {
    let fm = FileManager.default
    func isRoot(_ dir: String) -> Bool {
        fm.fileExists(atPath: dir + "/Package.swift") && fm.fileExists(atPath: dir + "/Rules")
            && fm.fileExists(atPath: dir + "/Tests/IMRParseTests/Fixtures/letters")
    }
    if let explicit { return isRoot(explicit) ? explicit : nil }
    var starts = [fm.currentDirectoryPath]
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
    starts.append(exe)
    for start in starts {
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        for _ in 0..<8 {
            if isRoot(dir.path) { return dir.path }
            let up = dir.deletingLastPathComponent()
            if up.path == dir.path { break }
            dir = up
        }
    }
    return nil
}

/// Sorted `*.ext` files directly in `dir` (or recursively), as full paths.
func listFiles(_ dir: String, suffix: String, recursive: Bool) -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    if recursive {
        guard let walker = fm.enumerator(atPath: dir) else { return [] }
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(suffix) { out.append(dir + "/" + relative) }
        }
    } else {
        for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where name.hasSuffix(suffix) { out.append(dir + "/" + name) }
    }
    return out.sorted()
}

/// Formats a number with a fixed number of decimals.
func fixed(_ x: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", x) }

/// Appends the decimal digits of `n` (n ≥ 0) to a byte buffer.
@inline(__always) func appendDecimal(_ n: Int, to out: inout [UInt8], width: Int = 0) {
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var v = max(0, n), count = 0
    withUnsafeMutableBytes(of: &digits) { p in
        repeat { p[count] = UInt8(48 + v % 10); v /= 10; count += 1 } while v > 0 && count < 20
        while count < width && count < 20 { p[count] = 48; count += 1 }
        for k in stride(from: count - 1, through: 0, by: -1) { out.append(p[k]) }
    }
}

/// Command-line options: `--name value` pairs, `--flag`s and positionals.
struct Options {
    /// The last value given for each option.
    var values: [String: String] = [:]
    /// Every value given for each option, in order (for options that may be repeated).
    var repeated: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    /// `valueNames` are the options that take a value; anything else starting with `--` is a flag.
    init(_ args: ArraySlice<String>, valueNames: Set<String>) throws(UsageFailure) {
        var i = args.startIndex
        while i < args.endIndex {
            let a = args[i]
            if a.hasPrefix("--") {
                if let eq = a.firstIndex(of: "=") {
                    let name = String(a[..<eq]), value = String(a[a.index(after: eq)...])
                    values[name] = value
                    repeated[name, default: []].append(value)
                } else if valueNames.contains(a) {
                    guard i + 1 < args.endIndex else { throw UsageFailure("\(a) needs a value") }
                    values[a] = args[i + 1]
                    repeated[a, default: []].append(args[i + 1])
                    i += 1
                } else {
                    flags.insert(a)
                }
            } else if a == "-h" {
                flags.insert("--help")
            } else {
                positionals.append(a)
            }
            i += 1
        }
        for key in values.keys where !valueNames.contains(key) { throw UsageFailure("unknown option \(key)") }
    }

    /// Every value given for a repeatable option, in order.
    func all(_ name: String) -> [String] { repeated[name] ?? [] }

    func int(_ name: String, default d: Int) throws(UsageFailure) -> Int {
        guard let v = values[name] else { return d }
        guard let n = Int(v.replacingOccurrences(of: "_", with: "")), n >= 0 else { throw UsageFailure("\(name) needs a whole number, not '\(v)'") }
        return n
    }
}

struct UsageFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
