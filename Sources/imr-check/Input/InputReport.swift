import Foundation
import IMRParse

/// Loads one input for a command, turning failures into a named error on stderr.
enum InputReport {
    /// Loads and decodes `path`; decoding warnings go to stderr naming the file.
    static func load(_ path: String) -> Result<SourceText, InputError> {
        do {
            let text = try SourceLoader.load(path: path)
            return .success(text)
        } catch {
            return .failure(error)
        }
    }

    static func warnings(for text: SourceText) -> [String] {
        text.warnings.map { "\(text.path): \($0)" }
    }
}
