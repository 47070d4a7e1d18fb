// imr-check — the command line, thin over the libraries: this file dispatches to Commands/, which
// open the same way (`CommandStart`), run over Input/ with Pipeline/ and write through Output/.
// Arrows point one way: Commands → Pipeline → Input, Output; everything → GuidelineRules → IMRParse.

import Foundation
import GuidelineRules
import IMRParse

/// imr-check: checks California workers' compensation IMR determinations against MTUS criteria.
let version = "0.1.0"

let topHelp = """
imr-check \(version) — checks California workers' compensation Independent Medical Review (IMR)
determinations against the MTUS guideline criteria encoded in rule files.

USAGE: imr-check <command> [options]

COMMANDS:
  parse     Structure of each IMR letter: items, decisions, citations, reviewer, patient
  facts     Case facts found in clinical text, negation-aware, with evidence spans
  predict   Predicted decision for a draft request, with unmet and undocumented criteria
  audit     Recorded vs predicted decision for every disputed item, with a summary
  rules     lint | test | list | explain | impact | new — check, test, read and extend the rule files

OPTIONS:
  --rules DIR   Rule folder, before or after the command (default: $IMR_RULES, else the project's Rules/)
  --version     Print the version
  -h, --help    Show help; 'imr-check help <command>' (or '<command> --help') for a command's options

EXAMPLES:
  imr-check audit examples/letters --format html --output report.html
  imr-check predict --request "Lumbar ESI L4-5" examples/requests/esi-documented.txt
  imr-check predict examples/requests --format csv
  imr-check parse examples/letters --format jsonl
  imr-check facts examples/requests/esi-undocumented.txt --format json
  imr-check rules test --coverage

Exit status: 0 all inputs processed; 1 some inputs could not be processed (each named on stderr);
2 usage error or invalid rule files. Set NO_COLOR to disable colour.
"""

let commands = ["parse", "facts", "predict", "audit", "rules"]

func run(_ arguments: [String]) -> Int32 {
    let console = Console.shared
    guard let first = arguments.first else {
        console.err(topHelp)
        return 2
    }
    if first == "-h" || first == "--help" { console.out(topHelp); return 0 }
    // `imr-check help audit` is `imr-check audit --help`.
    if first == "help" {
        guard let command = arguments.dropFirst().first else { console.out(topHelp); return 0 }
        guard commands.contains(command) else {
            console.error("no command '\(command)'", hint: Suggestions.closest(to: command, among: commands).map { "did you mean '\($0)'?" } ?? "commands: \(commands.joined(separator: ", "))")
            return 2
        }
        return run([command, "--help"])
    }
    if first == "--version" { console.out("imr-check \(version)"); return 0 }
    let rest = Array(arguments.dropFirst())
    do {
        switch first {
        case "parse": return try ParseCommand.run(rest)
        case "facts": return try FactsCommand.run(rest)
        case "predict": return try PredictCommand.run(rest)
        case "audit": return try AuditCommand.run(rest)
        case "rules": return try RulesCommand.run(rest)
        default:
            let suggestion = Suggestions.closest(to: first, among: commands + ["--help", "--version"])
            throw UsageError(message: "unknown command '\(first)'",
                             hint: suggestion.map { "did you mean '\($0)'?" } ?? "commands: \(commands.joined(separator: ", ")); see 'imr-check --help'")
        }
    } catch let e as UsageError {
        console.error(e.message, hint: e.hint)
        return 2
    } catch {
        console.error("\(error)")
        return 1
    }
}

Interrupt.install()
var status = run(RulesLocator.hoistingRulesOption(Array(CommandLine.arguments.dropFirst())))
Console.shared.flush()
if Interrupt.requested {
    Console.shared.err("imr-check: interrupted; the results written so far are complete")
    status = 130
}
exit(status)
