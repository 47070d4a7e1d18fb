@testable import IMRParse

/// A suite of small letters of its own, each read through `LetterParser` with the suite's reference year
/// (two-digit years count back from it).
protocol LetterSuite {
    static var referenceYear: Int { get }
}

extension LetterSuite {
    func parse(_ text: String) -> Determination {
        LetterParser.parse(SourceText(path: "t", string: text), referenceYear: Self.referenceYear)
    }
}
