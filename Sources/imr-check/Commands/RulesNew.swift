import Foundation
import GuidelineRules

/// `imr-check rules new FAMILY [--dir DIR]`: writes a skeleton family file that lints and tests
/// clean (a treatment with a request phrasing and a citation, a fact, a decisive criterion with its
/// reason and advice, an example of each outcome), then lints the folder and runs its examples.
enum RulesNew {
    static func run(_ options: ParsedOptions) throws(UsageError) -> Int32 {
        guard options.positionals.count == 1, let id = options.positionals.first else {
            throw UsageError(message: "'rules new' needs one FAMILY id", hint: "for example 'imr-check rules new bone_growth_stimulator'")
        }
        guard let first = id.unicodeScalars.first, CharacterSet.lowercaseLetters.contains(first),
              id.unicodeScalars.allSatisfy({ CharacterSet.lowercaseLetters.contains($0) || CharacterSet.decimalDigits.contains($0) || $0 == "_" }) else {
            throw UsageError(message: "'\(id)' is not a family id", hint: "lower-case words joined by '_', e.g. bone_growth_stimulator")
        }
        let console = Console.shared
        let rules = RulesLocator.locate(options)
        let existing = RuleLoader.load(directory: rules).book
        if let book = existing, book.treatment(id) != nil {
            throw UsageError(message: "'\(id)' is already a family in \(rules)", hint: "see 'imr-check rules explain \(id)'")
        }
        let name = options.value("--name") ?? id.split(separator: "_").joined(separator: " ").capitalizedFirst
        var fact = "\(id)_indication_documented"
        while existing?.factSlot(fact) != nil { fact += "_2" }
        let dir = options.value("--dir") ?? (rules.hasSuffix("/") ? rules : rules + "/") + "mtus/other"
        let path = (dir.hasSuffix("/") ? dir : dir + "/") + id.replacingOccurrences(of: "_", with: "-") + ".rules"
        guard !FileManager.default.fileExists(atPath: path) else {
            throw UsageError(message: "\(path) exists", hint: "choose another FAMILY or --dir")
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try skeleton(id: id, name: name, fact: fact).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw UsageError(message: "cannot write \(path)", hint: "check the folder is writable")
        }
        console.out("wrote \(path)")
        // Lint and test it where it will be read: the rules folder, when the file is inside it.
        let inside = URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix(URL(fileURLWithPath: rules).standardizedFileURL.path + "/")
        guard inside else {
            console.out("it is outside the rules folder \(rules): move it into one, then run 'imr-check rules lint DIR --strict'")
            return 0
        }
        let result = RuleLoader.load(directory: rules)
        let mine = result.diagnostics.filter { $0.file.hasSuffix(path.split(separator: "/").last.map(String.init) ?? path) }
        for d in mine { console.err(d.rendered(color: console.colorErr)) }
        guard let book = result.book else {
            console.error("the rules in \(rules) do not load (\(counted(result.errors.count, "error"))); run 'imr-check rules lint \(rules)'")
            return 2
        }
        let outcomes = ExampleRunner(analyzer: Analyzer(book: book)).runAll { t, _ in t.id == id }
        let failed = outcomes.filter { !$0.passed && !$0.isTodo }.count
        console.out("lint: \(mine.isEmpty ? "clean" : "\(counted(mine.count, "diagnostic")) in the new file"); "
                    + "test: \(outcomes.count - failed) passed, \(failed) failed")
        console.out("next: replace every TODO (the guideline's words, its section and page), then run "
                    + "'imr-check rules lint \(rules) --strict' and 'imr-check rules test \(rules) --run \(id)'")
        return mine.isEmpty && failed == 0 ? 0 : 1
    }

    static func skeleton(id: String, name: String, fact: String) -> String {
        """
        # \(name): a treatment family written from `imr-check rules new \(id)`.
        # Source: TODO — the guideline text these criteria follow (guideline, section, page), and where
        # the text came from (the guideline itself, ../shared/guidelines/mtus-criteria.md, a public ODG page).
        # Replace every TODO; Rules/README.md explains each clause. One family per file: its request
        # phrasings, its own facts, its criteria (each with a role), and at least two examples per outcome.

        treatment \(id) "\(name)"
          requests "\(name.lowercased())"
          cites "MTUS Chronic Pain Medical Treatment Guidelines" section "TODO: the guideline's section" page 1

        fact \(fact) bool "TODO: the finding that makes \(name.lowercased()) indicated"
          phrases "TODO \(name.lowercased()) indication"

        criterion \(id).indication "TODO: the guideline's criterion, in short"
          role decisive "TODO: the guideline's words that make this criterion decide (\\"…\\", p.N)"
          require \(fact)
          reason no_indication
          missing "TODO: what the physician should document"

        example "indication documented" expect Overturned
          request "\(name)"
          given \(fact) = true
          status \(id).indication = met

        example "indication not documented" expect Upheld
          request "\(name)"
          given \(fact) = unknown
          status \(id).indication = undocumented

        """
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
