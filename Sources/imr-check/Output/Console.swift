// Output/ — everything written for people or programs: the console (colour, stdout/stderr, progress
// line), `OutputFormat`, CSV cells, the checklist, the audit's text lines and HTML report. Not here:
// the JSON shapes (beside their models in the libraries), what is computed (the libraries).

import Foundation
import IMRParse

/// Output written by a worker (a `JSONWriter`'s bytes), handed to the console without a copy.
final class OutputBytes: @unchecked Sendable {
    /// Written by one worker, then only read.
    let buffer: ByteBuffer
    init(_ buffer: consuming ByteBuffer) { self.buffer = buffer }
    var isEmpty: Bool { buffer.count == 0 }
}

/// Standard output and standard error, buffered, with colour only where a person reads it.
///
/// Results go to stdout; diagnostics and progress to stderr. Colour is used only on a terminal
/// and never when `NO_COLOR` is set. A closed pipe (`imr-check … | head`) ends the run quietly.
final class Console: @unchecked Sendable {
    static let shared = Console()

    let stderrIsTerminal = isatty(2) == 1
    let stdoutIsTerminal = isatty(1) == 1
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    var colorOut: Bool { stdoutIsTerminal && !noColor }
    var colorErr: Bool { stderrIsTerminal && !noColor }

    private var buffer: [UInt8] = []
    private let lock = NSLock()
    /// Where results go: stdout, or the file of --output.
    private var fd: Int32 = 1

    init() {
        signal(SIGPIPE, SIG_IGN)
        buffer.reserveCapacity(1 << 16)
    }

    func redirect(toFile path: String) throws {
        let f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard f >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        fd = f
    }

    /// Writes a whole line of results (never split between threads).
    func out(_ line: String) {
        lock.lock()
        buffer.append(contentsOf: line.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flushLocked() }
        lock.unlock()
    }

    /// Writes a whole line given as UTF-8 bytes.
    func out(bytes line: [UInt8]) {
        lock.lock()
        buffer.append(contentsOf: line)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flushLocked() }
        lock.unlock()
    }

    /// Writes bytes as they are: whole lines or whole JSON values, never split between threads.
    func outRaw(bytes: [UInt8]) {
        lock.lock()
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flushLocked() }
        lock.unlock()
    }

    /// Writes a letter's output as it is: large ones straight from the writer's memory rather
    /// than copied into the buffer first (the output is several times the input).
    func outRaw(output: OutputBytes) {
        lock.lock()
        output.buffer.withUnsafeBytes { bytes in
            if bytes.count >= 1 << 14 {
                flushLocked()
                writeLocked(bytes)
            } else {
                buffer.append(contentsOf: bytes)
                if buffer.count >= 1 << 16 { flushLocked() }
            }
        }
        lock.unlock()
    }

    func outRaw(_ text: String) {
        lock.lock()
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flushLocked() }
        lock.unlock()
    }

    func flush() {
        lock.lock()
        flushLocked()
        lock.unlock()
    }

    private func flushLocked() {
        buffer.withUnsafeBytes { writeLocked($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeLocked(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                // The reader went away (EPIPE): stop cleanly, nothing more can be delivered.
                exit(errno == EPIPE ? 0 : 1)
            }
            offset += n
        }
    }

    func err(_ line: String) {
        flush()
        FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
    }

    /// A progress line on stderr, rewritten in place; only on a terminal.
    func progress(_ line: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(("\r\u{1B}[2K" + line).data(using: .utf8)!)
    }

    func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write("\r\u{1B}[2K".data(using: .utf8)!)
    }

    func paint(_ s: String, _ code: String, stderr: Bool = false) -> String {
        (stderr ? colorErr : colorOut) ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    /// "imr-check: error: …" with an optional hint line.
    func error(_ message: String, hint: String? = nil) {
        err(paint("error:", "1;31", stderr: true) + " " + message)
        if let hint { err("  " + paint("hint:", "1", stderr: true) + " " + hint) }
    }

    func warning(_ message: String) {
        err(paint("warning:", "1;33", stderr: true) + " " + message)
    }
}
