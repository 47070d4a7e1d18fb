enum FactsCommand {
    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        Console.shared.error("'facts' is not built yet")
        return 2
    }
}
