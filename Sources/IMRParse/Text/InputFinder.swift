import Foundation

/// Expands command-line paths into the list of inputs, in sorted order.
///
/// A directory is searched recursively for `.txt` files, and `.pdf` files (read through
/// `pdftotext`). A path that does not exist is returned as an error for its own line of output,
/// so that every other input is still processed.
public enum InputFinder {
    public struct Expansion: Sendable {
        public var files: [String] = []
        public var errors: [InputError] = []
    }

    public static func expand(_ paths: [String]) -> Expansion {
        var result = Expansion()
        let fm = FileManager.default
        for path in paths {
            if path == "-" { result.files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.errors.append(InputError(path: path, reason: "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue { result.files.append(path); continue }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            var found: [String] = []
            guard walk(prefix, relative: "", into: &found) else {
                result.errors.append(InputError(path: path, reason: "directory cannot be read"))
                continue
            }
            result.files.append(contentsOf: found.sorted())
        }
        return result
    }

    /// Adds every input file under `prefix + relative` (recursively) to `found`; false when the
    /// directory cannot be opened. readdir's entry types spare a stat per file: FileManager's
    /// enumerator and a `fileExists` per file took longer than loading the rules. As before,
    /// symbolic links to files count (a link is followed to see what it names), links to
    /// directories are not descended into.
    private static func walk(_ prefix: String, relative: String, into found: inout [String]) -> Bool {
        guard let dir = opendir(prefix + relative) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let (name, type) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                (String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self)), entry.pointee.d_type)
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory = type == UInt8(DT_DIR)
            var isLink = type == UInt8(DT_LNK)
            if type == UInt8(DT_UNKNOWN) {
                // Some file systems leave the type out: ask, without following a link.
                var info = stat()
                guard lstat(prefix + path, &info) == 0 else { continue }
                isDirectory = info.st_mode & S_IFMT == S_IFDIR
                isLink = info.st_mode & S_IFMT == S_IFLNK
            }
            if isLink {
                var info = stat()
                guard stat(prefix + path, &info) == 0 else { continue }  // a broken link names nothing
                if info.st_mode & S_IFMT == S_IFDIR { continue }
            }
            if isDirectory {
                _ = walk(prefix, relative: path, into: &found)
                continue
            }
            let lower = name.lowercased()
            if lower.hasSuffix(".txt") || lower.hasSuffix(".pdf") { found.append(prefix + path) }
        }
        return true
    }
}
