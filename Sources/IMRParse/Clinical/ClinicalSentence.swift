/// One sentence of a `ClinicalText`, with its context analysis.
package struct ClinicalSentence: Sendable, Hashable {
    /// Byte range in the source (trimmed).
    package var range: Range<Int>
    /// Indices into `ClinicalText.tokens`.
    package var tokenRange: Range<Int>
    /// True for the first sentence of a paragraph (attribution does not carry across paragraphs).
    package var startsParagraph: Bool
    /// Who asserts the sentence: its first attribution cue, else the cue carried from the previous
    /// sentences of the paragraph; nil when unknown. (A guideline quote never inherits a cue.)
    package var attribution: Attribution?
    /// True when the whole sentence is a guideline quote.
    package var isGuidelineQuote: Bool
    /// Token indices of the guideline trigger that makes (part of) the sentence a quote.
    package var guidelineTrigger: Range<Int>?

    // Slices of the flat arrays of `ClinicalText` (read by its inlinable accessors).
    @usableFromInline var modifierRange: Range<Int>
    @usableFromInline var cueRange: Range<Int>
    /// The attribution carried in from the previous sentences of the paragraph.
    var carriedAttribution: Attribution?
}
