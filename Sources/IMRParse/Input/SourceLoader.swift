// Input/ — reading inputs: files and folders (path expansion and the lazy walk, `InputFinder`),
// standard input, PDFs through `pdftotext`, decoding to a `SourceText` (`SourceLoader`), and why an
// input could not be read (`InputError`). Not here: the text once read (Text/); which inputs a
// command run takes and its shards (imr-check's Input/).

import Foundation

/// Reads inputs (files, standard input, PDFs through `pdftotext`) and decodes them to `SourceText`.
///
/// Decoding never fails on odd bytes: UTF-16 with a byte-order mark is converted, text that is not
/// valid UTF-8 is read as Latin-1 when it has no UTF-8 sequences at all, and otherwise with U+FFFD
/// replacement — each with a warning naming the file. Empty and binary inputs are errors.
public enum SourceLoader {
    /// Largest input accepted, so one runaway file cannot exhaust memory.
    public static let maximumBytes = 64 << 20

    public static func load(path: String) throws(InputError) -> SourceText {
        let data: [UInt8]
        if path == "-" {
            data = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else if path.lowercased().hasSuffix(".pdf") {
            data = try pdfText(path: path)
        } else {
            data = try readFile(path: path)
        }
        return try decode(path: path, data: data)
    }

    /// The bytes of a file, read with open/fstat/read into one array: FileHandle and Data cost a
    /// copy and most of the time of loading a letter.
    private static func readFile(path: String) throws(InputError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw InputError(path: path, reason: exists ? "cannot be read (check its permissions)" : "no such file or directory")
        }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        guard size <= maximumBytes else { throw tooLarge(path) }
        // One byte more than the size, so one read sees the end; pipes and growing files loop.
        var bytes: [UInt8] = []
        var capacity = size > 0 ? size + 1 : 1 << 16
        while true {
            let before = bytes.count
            var failure: Int32 = 0
            bytes.append(contentsOf: repeatElement(0, count: capacity - before))
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                var filled = before
                while filled < buffer.count {
                    let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                    if n < 0, errno == EINTR { continue }
                    if n < 0 { failure = errno; return -1 }
                    if n == 0 { break }
                    filled += n
                }
                return filled
            }
            guard got >= 0 else {
                throw InputError(path: path, reason: "cannot be read: \(String(cString: strerror(failure)))")
            }
            guard got <= maximumBytes else { throw tooLarge(path) }
            if got < bytes.count {
                bytes.removeLast(bytes.count - got)
                return bytes
            }
            capacity *= 2
        }
    }

    private static func tooLarge(_ path: String) -> InputError {
        InputError(path: path, reason: "is larger than \(maximumBytes >> 20) MB; split it or check that it is a letter")
    }

    /// Decodes raw bytes; see the type's documentation for the policy.
    public static func decode(path: String, data: [UInt8]) throws(InputError) -> SourceText {
        var warnings: [String] = []
        var bytes: [UInt8]
        if data.count >= 2, (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) {
            let little = data[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(data.count / 2)
            var i = 2
            while i + 1 < data.count {
                units.append(little ? UInt16(data[i]) | UInt16(data[i + 1]) << 8 : UInt16(data[i]) << 8 | UInt16(data[i + 1]))
                i += 2
            }
            bytes = Array(String(decoding: units, as: UTF16.self).utf8)
            warnings.append("decoded from UTF-16")
        } else {
            bytes = data
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        }
        // Plain ASCII without NUL bytes (most letters): nothing to replace or validate, and no
        // multibyte character for `SourceText` to index.
        let special = bytes.withUnsafeBufferPointer(ByteWords.firstZeroOrNonASCII)
        if special == bytes.count {
            if bytes.allSatisfy(TextScan.isSpace) {
                throw InputError(path: path, reason: "is empty")
            }
            return SourceText(path: path, asciiBytes: bytes, warnings: warnings)
        }
        // No NUL before `special`.
        if bytes[special] == 0 || bytes.withUnsafeBufferPointer({ ByteWords.containsZero(UnsafeBufferPointer(rebasing: $0[special...])) }) {
            let nuls = bytes.prefix(8192).reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            if nuls * 20 > min(bytes.count, 8192) {
                throw InputError(path: path, reason: "looks like a binary file, not letter text (convert PDFs with pdftotext, or pass the .pdf)")
            }
            bytes = bytes.map { $0 == 0 ? 32 : $0 }
            warnings.append("NUL bytes replaced by spaces")
        }
        // The validity check and the table of multibyte characters `SourceText` keeps, in one walk
        // from the first non-ASCII byte (the bytes before it are ASCII, checked above).
        let table = MultibyteTable(bytes, from: special)
        switch table.validity {
        case .valid:
            if bytes.allSatisfy(TextScan.isSpace) {
                throw InputError(path: path, reason: "is empty")
            }
            return SourceText(path: path, bytes: bytes, warnings: warnings, multibyteStarts: table.starts, multibyteExtra: table.extra)
        case .latin1:
            bytes = Array(String(bytes.map { Character(Unicode.Scalar($0)) }).utf8)
            warnings.append("not UTF-8; decoded as Latin-1")
        case .broken:
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
            warnings.append("invalid UTF-8 replaced with U+FFFD")
        }
        if bytes.allSatisfy(TextScan.isSpace) {
            throw InputError(path: path, reason: "is empty")
        }
        return SourceText(path: path, bytes: bytes, warnings: warnings)
    }

    private enum Validity { case valid, latin1, broken }

    /// Whether bytes are UTF-8 (else Latin-1, or UTF-8 with broken sequences) and, for UTF-8, where
    /// each multibyte character starts with the continuation bytes before and at it (`SourceText`'s
    /// scalar offsets).
    private struct MultibyteTable {
        var validity = Validity.valid
        var starts: [Int32] = []
        var extra: [Int32] = []

        /// Walks `bytes` from `start` (the bytes before it are ASCII).
        init(_ bytes: [UInt8], from start: Int) {
            var good = 0, bad = 0
            var running: Int32 = 0
            bytes.withUnsafeBufferPointer { bytes in
                var i = start
                let n = bytes.count
                while i < n {
                    let b = bytes[i]
                    if b < 0x80 { i = ByteWords.firstNonASCII(bytes, from: i); continue }
                    let width = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
                    var ok = width > 0 && i + width <= n
                    if ok { for k in 1..<width where bytes[i + k] & 0xC0 != 0x80 { ok = false } }
                    if ok {
                        good += 1
                        running += Int32(width - 1)
                        starts.append(Int32(i))
                        extra.append(running)
                        i += width
                    } else {
                        bad += 1
                        i += 1
                    }
                }
            }
            if bad > 0 { validity = good == 0 ? .latin1 : .broken }
        }
    }

    /// Whether `pdftotext` (poppler-utils) is on the PATH.
    package static let pdftotextPath: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for dir in paths {
            let candidate = "\(dir)/pdftotext"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    private static func pdfText(path: String) throws(InputError) -> [UInt8] {
        guard let tool = pdftotextPath else {
            throw InputError(path: path, reason: "is a PDF and pdftotext is not installed (install poppler-utils, e.g. apt-get install poppler-utils)")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw InputError(path: path, reason: "cannot be read")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", "-enc", "UTF-8", path, "-"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw InputError(path: path, reason: "pdftotext could not be started: \(error.localizedDescription)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError(path: path, reason: "pdftotext could not read this PDF (exit \(process.terminationStatus)); is it damaged or encrypted?")
        }
        return Array(data)
    }
}
