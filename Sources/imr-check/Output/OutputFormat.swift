/// The output formats of the commands: text for people; JSON, JSON Lines and CSV for programs; an
/// HTML report (audit).
enum OutputFormat: String {
    case text, json, jsonl, csv, html
}
