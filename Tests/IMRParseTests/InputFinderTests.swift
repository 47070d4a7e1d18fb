import Foundation
import Testing
@testable import IMRParse

/// The lazy input walk: the order of sorting every full path, today's rules for what counts as
/// an input, and no more held in memory than the listings of the directories it is inside.
@Suite struct InputFinderTests {
    /// A folder that is removed when the test ends.
    final class Tree {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("imr-walk-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: root) }
        var path: String { root.path }

        func file(_ relative: String) throws {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        func folder(_ relative: String) throws {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(relative), withIntermediateDirectories: true)
        }
        func link(_ relative: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(relative).path, withDestinationPath: target)
        }
    }

    @Test func trickyTreeInFullPathOrder() throws {
        let t = try Tree()
        for f in ["a.txt", "a/inner.txt", "a-b.txt", "a.b/c.txt", "ab.txt", "ab/x.txt", "A/up.txt", "B.TXT", ".hidden/h.txt",
                  ".dot.pdf", "x.txt/in.txt", "sp ace/my letter.txt", "\u{e9}.txt", "\u{e9}/\u{e9}.txt", "e\u{301}x.txt",
                  "sub/deep/er/d.txt", "sub/s.txt", "notes.md", "a.txt.bak"] {
            try t.file(f)
        }
        try t.folder("empty")
        try t.link("link.txt", to: "a.txt")
        try t.link("linkdir", to: "a")
        try t.link("dirlink.txt", to: "a")
        try t.link("broken.txt", to: "missing")

        let walked = Array(InputFinder.Walk([t.path]))
        let p = t.path + "/"
        let expected = [".dot.pdf", ".hidden/h.txt", "A/up.txt", "B.TXT", "a-b.txt", "a.b/c.txt", "a.txt", "a/inner.txt", "ab.txt",
                        "ab/x.txt", "link.txt", "sp ace/my letter.txt", "sub/deep/er/d.txt", "sub/s.txt", "x.txt/in.txt",
                        "\u{e9}.txt", "\u{e9}/\u{e9}.txt", "e\u{301}x.txt"].map { p + $0 }
        #expect(walked == expected)
        #expect(walked == walked.sorted())
        #expect(InputFinder.expand([t.path]).files == walked)
    }

    @Test func argumentsKeepTheirOrderAndMissingPathsAreErrors() throws {
        let t = try Tree()
        try t.file("b/2.txt")
        try t.file("b/1.txt")
        try t.file("z.txt")
        let walk = InputFinder.Walk([t.path + "/z.txt", t.path + "/nope", "-", t.path + "/b/"])
        #expect(walk.errors.map(\.path) == [t.path + "/nope"])
        #expect(Array(walk) == [t.path + "/z.txt", "-", t.path + "/b/1.txt", t.path + "/b/2.txt"])
    }

    @Test func holdsOnlyTheListingsItIsInside() throws {
        let t = try Tree()
        let folders = 12, perFolder = 25
        for d in 0..<folders {
            for f in 0..<perFolder { try t.file(String(format: "%02d/%02d.txt", d, f)) }
        }
        var walk = InputFinder.Walk([t.path])
        var seen = 0
        var most = 0
        while let file = walk.next() {
            seen += 1
            most = max(most, walk.heldNames)
            if seen == 1 {
                // A folder is listed only when reached: a file added now to the last one is found.
                #expect(file.hasSuffix("/00/00.txt"))
                try t.file(String(format: "%02d/zz.txt", folders - 1))
            }
        }
        #expect(seen == folders * perFolder + 1)
        #expect(most <= folders + perFolder)
    }
}
