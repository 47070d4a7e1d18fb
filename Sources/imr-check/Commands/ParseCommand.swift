enum ParseCommand {
    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        Console.shared.error("'parse' is not built yet")
        return 2
    }
}
