// Prediction/ — the per-run pipeline: `Analyzer` (request → facts → assessment), `Prediction` and
// its JSON, every item of a letter (`predictItems`) and the rule files' examples (`ExampleRunner`).
// Not here: the audit's records and totals (Audit/), output formats other than the JSON shape.

import Foundation
import IMRParse

/// The pipeline for one rule book: request recognition, fact extraction and assessment.
///
/// Built once per run (it compiles the phrase tries and the context engine); immutable, so
/// worker threads share one instance.
public final class Analyzer: Sendable {
    public let book: RuleBook
    package let recognizer: RequestRecognizer
    package let extractor: FactExtractor
    let finder: RequestFinder
    /// By treatment id, the facts its criteria use (see `WantedFacts`).
    let factsByTreatment: [String: [Int]]

    /// The requests a note makes, in text order (see `RequestFinder`): what `predict` assesses when
    /// no request is given.
    public func findRequests(in source: SourceText) -> [FoundRequest] { finder.find(in: source) }

    /// A request given with its note (`predict NOTE --request TEXT`) read as the note reads it: when its
    /// own words name no treatment ("12 additional visits (2x/week x 6 weeks)", "I am requesting six further
    /// sessions"), the request the note makes in those words says whose visits they are (the title's
    /// discipline, the treatment named with the same noun before), and its name leads the text
    /// ("acupuncture: I am requesting six further sessions …"). Any other request is returned as given.
    public func requestInContext(_ text: String, of source: SourceText) -> String {
        guard parseRequest(text).families.isEmpty else { return text }
        let given = Self.folded(text)
        guard given.count >= 8 else { return text }
        for found in findRequests(in: source) {
            let asked = Self.folded(source.normalized(found.range))
            guard asked.count >= 8, given.contains(asked) || asked.contains(given),
                  let colon = found.text.range(of: ": "), found.text.hasSuffix(source.normalized(found.range)) else { continue }
            return String(found.text[..<colon.lowerBound]) + ": " + text
        }
        return text
    }

    /// Lower-cased letters and digits only: a request typed again matches the note's words whatever
    /// its spacing and punctuation.
    private static func folded(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    public init(book: RuleBook) {
        self.book = book
        // The request recognizer's tries are built on a second thread while the fact index is built
        // here: two independent halves of loading the rules, which every run waits for.
        let built = BuiltRecognizer()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            built.value = RequestRecognizer(book: book)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        self.extractor = FactExtractor(book: book)
        done.wait()
        self.recognizer = built.value!
        self.finder = RequestFinder(book: book, recognizer: recognizer, engine: extractor.engine)
        factsByTreatment = WantedFacts.byTreatment(book)
    }

    /// Hands the recognizer from the thread that builds it (read only after the semaphore).
    private final class BuiltRecognizer: @unchecked Sendable {
        var value: RequestRecognizer?
    }

    /// Longest request text read: a title is a line or two; more is damaged input, not a request.
    package static let maximumRequestBytes = 2000

    /// Reads a request; two-digit years count back from `referenceDay` (default: today).
    public func parseRequest(_ text: String, referenceDay: CalendarDay = .today) -> ParsedRequest {
        let text = text.utf8.count > Self.maximumRequestBytes
            ? String(decoding: text.utf8.prefix(Self.maximumRequestBytes), as: UTF8.self) : text
        var r = ParsedRequest(text: text)
        r.bytes = Array(text.utf8)
        r.tokens = Tokenizer.tokens(r.bytes, 0..<r.bytes.count)
        let recognition = recognizer.recognize(tokens: r.tokens)
        r.families = recognition.components
        for f in r.families {
            let reported = book.treatment(f)?.reportedID ?? f
            if !r.components.contains(reported) { r.components.append(reported) }
        }
        r.componentRanges = recognition.ranges
        RequestValueReader(bytes: r.bytes, tokens: r.tokens, referenceDay: referenceDay).read(into: &r)
        return r
    }

    public func facts(in source: SourceText, regions: [Range<Int>], context: CaseContext) -> FactSet {
        let request = context.requestText.map { parseRequest($0, referenceDay: context.requestReferenceDay) }
        return extractor.extract(source: source, regions: regions, context: context, request: request)
    }

    /// Predicts the decision for one request against the narrative in `regions` of `source`.
    public func predict(_ requestText: String, source: SourceText, regions: [Range<Int>], context: CaseContext) -> Prediction {
        predict(requestText, scans: [extractor.scan(source: source, regions: regions, context: context)], context: context)
    }

    /// Predicts from narrative already scanned (a letter's case summary is scanned once for all its items).
    package func predict(_ requestText: String, scans: [FactExtractor.NarrativeScan], context: CaseContext) -> Prediction {
        predict(requestText, scans: scans, after: nil, context: context)
    }

    /// `predict(_:scans:context:)` with the first scan already combined (`FactExtractor.combine`).
    package func predict(_ requestText: String, scans: [FactExtractor.NarrativeScan], after combined: FactExtractor.Combined?,
                         context: CaseContext) -> Prediction {
        predict(parseRequest(requestText, referenceDay: context.requestReferenceDay), text: requestText, scans: scans, after: combined,
                context: context)
    }

    /// `predict(_:scans:after:context:)` with the request already read (from `requestText`).
    func predict(_ request: ParsedRequest, text requestText: String, scans: [FactExtractor.NarrativeScan], after combined: FactExtractor.Combined?,
                 context: CaseContext, wanted: WantedFacts? = nil) -> Prediction {
        var context = context
        context.requestText = requestText
        var facts = extractor.extract(after: combined, scans: scans, context: context, request: request, wanted: wanted)
        let treatments = request.families.compactMap { book.treatment($0) }
        guard !treatments.isEmpty else {
            return Prediction(request: request, requestRange: context.requestRange, facts: facts, assessment: nil,
                              message: "no rule covers this request: no treatment family's request phrases match it; the prediction is left open rather than guessed")
        }
        let assessment = Assessor.assess(treatments, facts: &facts, book: book, edition: context.editionDate(for: request))
        return Prediction(request: request, requestRange: context.requestRange, facts: facts, assessment: assessment, message: nil)
    }
}
