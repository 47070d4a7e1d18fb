import Foundation

extension InputFinder {
    /// The inputs under command-line paths, one at a time, in the order `expand` gives them.
    ///
    /// A directory is listed only when the walk reaches it, and only that one listing is sorted:
    /// the walk holds the unvisited entries of the directories it is inside, never the whole tree,
    /// so a million letters take no more memory than a thousand. Sorting each listing by name, with
    /// "/" after a sub-directory's name, gives the order of sorting the full paths: the file "a.txt"
    /// comes before everything in the folder "a", as "." sorts before "/".
    ///
    /// Paths that do not exist and top-level directories that cannot be opened are found when the
    /// walk is made (`errors`), so they can be reported before any output.
    package struct Walk: IteratorProtocol, Sequence {
        package private(set) var errors: [InputError] = []
        private var roots: [Root] = []
        private var nextRoot = 0
        /// The directory being walked: its path with a trailing "/" as given on the command line.
        private var prefix = ""
        /// The listings of the directories the walk is inside, innermost last.
        private var stack: [Listing] = []

        private enum Root { case file(String), directory(prefix: String) }

        private struct Listing {
            /// The directory below `prefix`: "" or a path ending with "/".
            var relative: String
            /// Input files, and sub-directories with "/" appended, sorted.
            var names: [String]
            var next = 0
        }

        package init(_ paths: [String]) {
            let fm = FileManager.default
            for path in paths {
                if path == "-" { roots.append(.file(path)); continue }
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    errors.append(InputError(path: path, reason: "no such file or directory"))
                    continue
                }
                if !isDirectory.boolValue { roots.append(.file(path)); continue }
                // Opened now only to report an unreadable folder up front; it is listed when reached.
                guard let dir = opendir(path) else {
                    errors.append(InputError(path: path, reason: "directory cannot be read"))
                    continue
                }
                closedir(dir)
                roots.append(.directory(prefix: path.hasSuffix("/") ? path : path + "/"))
            }
        }

        /// Entries listed but not yet visited: what the walk holds in memory.
        var heldNames: Int { stack.reduce(0) { $0 + $1.names.count - $1.next } }

        package mutating func next() -> String? {
            while true {
                if let top = stack.indices.last {
                    let listing = stack[top]
                    guard listing.next < listing.names.count else { stack.removeLast(); continue }
                    let name = listing.names[listing.next]
                    stack[top].next += 1
                    let path = listing.relative + name
                    if name.utf8.last == UInt8(ascii: "/") {
                        // An unreadable sub-directory is skipped, as it always was.
                        if let inner = Self.list(prefix, relative: path) { stack.append(inner) }
                        continue
                    }
                    return prefix + path
                }
                guard nextRoot < roots.count else { return nil }
                nextRoot += 1
                switch roots[nextRoot - 1] {
                case .file(let path): return path
                case .directory(let path):
                    prefix = path
                    if let listing = Self.list(path, relative: "") { stack.append(listing) }
                }
            }
        }

        /// The sorted input files and sub-directories of `prefix + relative`; nil when it cannot be
        /// opened. readdir's entry types spare a stat per file: FileManager's enumerator and a
        /// `fileExists` per file took longer than loading the rules. Symbolic links to files count
        /// (a link is followed to see what it names), links to directories are not descended into.
        private static func list(_ prefix: String, relative: String) -> Listing? {
            guard let dir = opendir(prefix + relative) else { return nil }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                // The name read in place, up to its NUL: a dirent is only as long as its name, so
                // copying the whole `d_name` field (256 bytes) read past the record, and past the end
                // of readdir's buffer when the record was its last (a segmentation fault a few times
                // in a hundred runs over a 10,000-file folder).
                let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
                let name = String(cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
                let type = entry.pointee.d_type
                if name == "." || name == ".." { continue }
                let path = prefix + relative + name
                var isDirectory = type == UInt8(DT_DIR)
                var isLink = type == UInt8(DT_LNK)
                if type == UInt8(DT_UNKNOWN) {
                    // Some file systems leave the type out: ask, without following a link.
                    var info = stat()
                    guard lstat(path, &info) == 0 else { continue }
                    isDirectory = info.st_mode & S_IFMT == S_IFDIR
                    isLink = info.st_mode & S_IFMT == S_IFLNK
                }
                if isLink {
                    var info = stat()
                    guard stat(path, &info) == 0 else { continue }  // a broken link names nothing
                    if info.st_mode & S_IFMT == S_IFDIR { continue }
                }
                if isDirectory { names.append(name + "/"); continue }
                let lower = name.lowercased()
                if lower.hasSuffix(".txt") || lower.hasSuffix(".pdf") { names.append(name) }
            }
            names.sort()
            return Listing(relative: relative, names: names)
        }
    }
}
