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
            guard let walker = fm.enumerator(atPath: path) else {
                result.errors.append(InputError(path: path, reason: "directory cannot be read"))
                continue
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let lower = relative.lowercased()
                guard lower.hasSuffix(".txt") || lower.hasSuffix(".pdf") else { continue }
                let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
            }
            result.files.append(contentsOf: found.sorted())
        }
        return result
    }
}
