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
        .executableTarget(name: "imr-bench", dependencies: ["GuidelineRules", "IMRParse"]),
        .testTarget(name: "IMRParseTests", dependencies: ["IMRParse"], exclude: ["Fixtures"]),
        .testTarget(name: "GuidelineRulesTests", dependencies: ["GuidelineRules", "IMRParse"], exclude: ["Fixtures"]),
        .testTarget(name: "IMRCheckTests", dependencies: ["GuidelineRules", "IMRParse"], exclude: ["Fixtures"]),
    ]
)
