enum PredictCommand {
    static func run(_ args: [String]) throws(UsageError) -> Int32 {
        Console.shared.error("'predict' is not built yet")
        return 2
    }
}
