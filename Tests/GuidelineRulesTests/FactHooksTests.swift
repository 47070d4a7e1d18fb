import Testing
@testable import GuidelineRules

/// The hook registry (names, types, documentation) and the extractor's switch must list the same hooks.
@Suite struct FactHooksTests {
    @Test func everyRegisteredHookHasAComputation() {
        let registered = Set(FactHooks.all.keys)
        let computed = Set(FactHooks.Name.allCases.map(\.rawValue))
        #expect(registered == computed, "registry only: \(registered.subtracting(computed).sorted()); switch only: \(computed.subtracting(registered).sorted())")
    }
}
