// swift-tools-version: 6.0
import PackageDescription

// imr-check: checks California workers' compensation IMR determinations against MTUS criteria.
// No package dependencies by design: the Swift toolchain and Foundation only.
let package = Package(
    name: "imr-check",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "IMRParse", targets: ["IMRParse"]),
        .library(name: "GuidelineRules", targets: ["GuidelineRules"]),
        .executable(name: "imr-check", targets: ["imr-check"]),
        .executable(name: "imr-bench", targets: ["imr-bench"]),
    ],
    targets: [
        .target(name: "IMRParse"),
        .target(name: "GuidelineRules", dependencies: ["IMRParse"]),
        .executableTarget(name: "imr-check", dependencies: ["GuidelineRules", "IMRParse"]),
        .executableTarget(name: "imr-bench", dependencies: ["GuidelineRules", "IMRParse", "IMRTestSupport"]),
        // What the tests and imr-bench share (seeded generator, golden files, accuracy scoring): a
        // target, not a product, so none of it ships in the libraries.
        .target(name: "IMRTestSupport", dependencies: ["GuidelineRules", "IMRParse"]),
        .testTarget(name: "IMRParseTests", dependencies: ["IMRParse", "IMRTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "GuidelineRulesTests", dependencies: ["GuidelineRules", "IMRParse", "IMRTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "IMRCheckTests", dependencies: ["GuidelineRules", "IMRParse", "IMRTestSupport"], exclude: ["Fixtures"]),
    ]
)
