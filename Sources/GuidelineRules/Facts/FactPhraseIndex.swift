import IMRParse

/// Every phrase of every fact definition compiled into one trie, so a text is scanned once for
/// all facts (in the spirit of FastContext), plus a second trie for facts read from the request.
struct FactPhraseIndex: Sendable {
    enum Role: Sendable, Equatable {
        case affirm          // bool: mention makes it true (or false when negated)
        case deny            // bool: an affirmed mention makes it false
        case anchor          // the sentence is about what the fact concerns
        case near            // number: read a number next to it
        case event           // count: an occurrence of the event
        case value(String)   // enum: selects this value
    }

    struct Entry: Sendable {
        var fact: Int
        var role: Role
    }

    var narrative = PhraseTrie()
    var request = PhraseTrie()
    var entries: [Entry] = []
    /// Facts that need an anchor in the sentence.
    var anchored: Set<Int> = []

    init(book: RuleBook) {
        for (slot, f) in book.facts.enumerated() {
            if case .hook = f.source { continue }
            let isRequest = f.source == .request
            func add(_ phrases: [String], _ role: Role) {
                guard !phrases.isEmpty else { return }
                let id = Int32(entries.count)
                entries.append(Entry(fact: slot, role: role))
                for p in phrases {
                    if isRequest { request.add(p, id: id) } else { narrative.add(p, id: id) }
                }
            }
            switch f.kind {
            case .bool:
                add(f.phrases, .affirm)
                add(f.denials, .deny)
            case .number:
                add(f.near, .near)
            case .count:
                add(f.events, .event)
                add(f.near, .near)
            case .enumeration:
                for (value, phrases) in f.valuePhrases { add(phrases, .value(value)) }
            default: break
            }
            if !f.anchors.isEmpty, !isRequest {
                add(f.anchors, .anchor)
                anchored.insert(slot)
            }
        }
    }
}
