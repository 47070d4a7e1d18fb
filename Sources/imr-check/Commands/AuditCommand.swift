enum AuditCommand {
    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        Console.shared.error("'audit' is not built yet")
        return 2
    }
}
