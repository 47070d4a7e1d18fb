import Foundation

/// Expands command-line paths into the list of inputs, in sorted order.
///
/// A directory is searched recursively for `.txt` files, and `.pdf` files (read through
/// `pdftotext`). A path that does not exist is returned as an error for its own line of output,
/// so that every other input is still processed. `Walk` gives the same inputs one at a time.
package enum InputFinder {
    package struct Expansion: Sendable {
        package var files: [String] = []
        package var errors: [InputError] = []
    }

    package static func expand(_ paths: [String]) -> Expansion {
        var walk = Walk(paths)
        var result = Expansion(errors: walk.errors)
        while let file = walk.next() { result.files.append(file) }
        return result
    }
}
