/// Numbers written as words, as letters use them: "one" … "twenty", "thirty" … "ninety",
/// "hundred", and compounds ("twenty-five", "one hundred").
package enum NumberWords {
    package static let values: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    ]

    /// The same table by token key (see `Tokenizer.key(of:)`).
    static let byKey = KeyMap(values.map { (Tokenizer.key(of: $0.key), $0.value) })

    /// The value of a number word, or nil.
    package static func value(of word: some StringProtocol) -> Int? { byKey[Tokenizer.key(of: word)] }
    /// The value of a token by its key (no string is made).
    package static func value(ofKey key: UInt64) -> Int? { byKey[key] }
}
