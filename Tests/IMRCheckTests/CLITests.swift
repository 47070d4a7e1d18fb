import Foundation
import Testing

/// The command line as users meet it: help, usage errors, exit statuses, bad inputs named on
/// stderr while good ones are still reported, formats, escaping of untrusted letter text.
@Suite(.serialized) struct CLITests {
    @Test func helpAndVersion() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("EXAMPLES"))
        for command in ["parse", "facts", "predict", "audit", "rules"] {
            let r = try CLI.run([command, "--help"])
            #expect(r.status == 0, "\(command) --help")
            #expect(r.stdout.contains("USAGE"), "\(command) --help")
            #expect(r.stdout.contains("EXAMPLES"), "\(command) --help")
        }
        #expect(try CLI.run(["--version"]).stdout.hasPrefix("imr-check "))
    }

    @Test func usageErrorsExitTwoWithSuggestion() throws {
        let unknown = try CLI.run(["audti", "x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'audit'?"))
        let option = try CLI.run(["parse", "--fromat", "json", "x"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("did you mean '--format'?"))
        let format = try CLI.run(["parse", "--format", "xml", "x"])
        #expect(format.status == 2)
        #expect(try CLI.run([]).status == 2)
    }

    @Test func badInputsAreNamedAndGoodOnesStillReported() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try Data(contentsOf: CLI.fixtureLetters.appendingPathComponent("final_determination_three_items.txt"))
        try good.write(to: dir.appendingPathComponent("a-good.txt"))
        try Data().write(to: dir.appendingPathComponent("b-empty.txt"))
        try Data([0, 1, 2, 0, 0, 0, 255, 0, 0, 7] + Array(repeating: 0, count: 100)).write(to: dir.appendingPathComponent("c-binary.txt"))
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(String(decoding: good, as: UTF8.self).data(using: .utf16LittleEndian)!)
        try utf16.write(to: dir.appendingPathComponent("d-utf16.txt"))
        try Data("Patient: Jos\u{e9} P\u{e9}rez. Requesting physical therapy 2x4.".utf8.map { $0 }).write(to: dir.appendingPathComponent("e-utf8.txt"))
        try Data([0x50, 0x61, 0x74, 0x69, 0x65, 0x6E, 0x74, 0x20, 0xE9, 0x20, 0x6C, 0x6F, 0x77, 0x20, 0x62, 0x61, 0x63, 0x6B]).write(to: dir.appendingPathComponent("f-latin1.txt"))
        let missing = dir.appendingPathComponent("zz-missing.txt").path

        let r = try CLI.run(["parse", dir.path, missing, "--format", "jsonl"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("b-empty.txt: is empty"))
        #expect(r.stderr.contains("c-binary.txt: looks like a binary file"))
        #expect(r.stderr.contains("zz-missing.txt: no such file"))
        #expect(r.stderr.contains("f-latin1.txt: not UTF-8; decoded as Latin-1"))
        let objects = try r.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.count == 4)  // good, utf16, utf8, latin1
        let good16 = objects.first { ($0["source"] as? String)?.hasSuffix("d-utf16.txt") == true }
        #expect((good16?["items"] as? [Any])?.count == 3)

        let audit = try CLI.run(["audit", dir.path, "--format", "jsonl"])
        #expect(audit.status == 1)
        #expect(audit.lines.count == 6)  // three items, twice (UTF-8 and UTF-16 copies)
    }

    @Test func stdinAndDirectoryOrder() throws {
        let letter = try Data(contentsOf: CLI.fixtureLetters.appendingPathComponent("final_determination_three_items.txt"))
        let r = try CLI.run(["parse", "-", "--format", "json"], stdin: letter)
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["source"] as? String == "-")
        let all = try CLI.run(["parse", CLI.fixtureLetters.path, "--format", "jsonl"])
        let sources = all.lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String }
        #expect(sources == sources.sorted())
        #expect(sources.count >= 15)
    }

    @Test func shardsInterleaveToTheWholeRun() throws {
        let all = try CLI.run(["parse", CLI.fixtureLetters.path, "--format", "jsonl", "--jobs", "2"]).lines
        #expect(all.count >= 15)
        for i in 1...3 {
            let shard = try CLI.run(["parse", CLI.fixtureLetters.path, "--format", "jsonl", "--jobs", "2", "--shard", "\(i)/3"])
            #expect(shard.status == 0)
            #expect(shard.lines == all.enumerated().filter { $0.offset % 3 == i - 1 }.map(\.element))
        }
        #expect(try CLI.run(["parse", CLI.fixtureLetters.path, "--shard", "4/3"]).status == 2)
    }

    @Test func jsonIsAnArrayUnlessThereIsOneInput() throws {
        let letter = CLI.fixtureLetters.appendingPathComponent("final_determination_three_items.txt").path
        let one = try CLI.run(["parse", letter, "--format", "json"])
        #expect(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) is [String: Any])
        let two = try CLI.run(["parse", letter, letter, "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [Any])?.count == 2)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let none = try CLI.run(["parse", dir.path, "--format", "json"])
        #expect(none.stdout == "[]\n")
        #expect(none.status == 1)
        #expect(none.stderr.contains("no inputs:"))
    }

    @Test func pdfInputsThroughPdftotext() throws {
        let pdf = CLI.packageRoot.appendingPathComponent("Tests/IMRCheckTests/Fixtures/letter.pdf").path
        let hasPdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        if hasPdftotext {
            let r = try CLI.run(["parse", pdf, "--format", "json"])
            #expect(r.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            #expect((object?["items"] as? [Any])?.count == 3)
        }
        // Without pdftotext the PDF is an error that says what to install; other inputs still run.
        let text = CLI.fixtureLetters.appendingPathComponent("final_determination_three_items.txt").path
        let r = try CLI.run(["parse", pdf, text, "--format", "jsonl"], environment: ["PATH": "/nonexistent"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("poppler-utils"))
        #expect(r.lines.count == 1)
    }

    @Test func untrustedTextIsEscapedInHTMLAndCSV() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let letter = """
         HOW THE IMR FINAL DETERMINATION WAS MADE

        CLINICAL CASE SUMMARY

        The injured worker is a 40 year old female. <script>alert('x')</script> She has low back pain.

        IMR ISSUES, DECISIONS AND RATIONALES

        The Final Determination was based on decisions for the disputed items/services set forth below:

        =HYPERLINK("http://evil") lumbar epidural steroid injection <img src=x onerror=alert(1)>: Overturned

        Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 46.

        MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 46.

        Decision rationale: There is no documentation of radiculopathy. <script>alert("rationale")</script>
        The request is not medically necessary.
        """
        try letter.write(to: dir.appendingPathComponent("evil.txt"), atomically: true, encoding: .utf8)
        let html = try CLI.run(["audit", dir.path, "--format", "html"])
        #expect(html.status == 0)
        #expect(!html.stdout.contains("<script>alert"))
        #expect(!html.stdout.contains("<img src=x"))
        // Letter text reaches the page as JSON data whose every '<' is \u003c (it cannot end the
        // script element), and the table escapes it again when it builds a row.
        #expect(html.stdout.contains("\\u003cimg src=x onerror=alert(1)>"))
        #expect(html.stdout.contains("function esc(s)"))
        #expect(html.stdout.contains("<svg"))
        let csv = try CLI.run(["audit", dir.path, "--format", "csv"])
        let rows = csv.lines
        #expect(rows.first?.hasPrefix("source,item,request,treatment") == true)
        #expect(rows.count == 2)
        #expect(rows[1].contains("\"'=HYPERLINK(\"\"http://evil\"\")"))
    }

    @Test func rulesLintOnBrokenFolderExitsTwo() throws {
        let broken = CLI.packageRoot.appendingPathComponent("Tests/GuidelineRulesTests/Fixtures/broken-rules").path
        let r = try CLI.run(["rules", "lint", broken])
        #expect(r.status == 2)
        #expect(r.stderr.contains("treatment.rules:5:11: error[unknown-fact]: no fact named 'radiculopathy_on_exm'"))
        #expect(r.stderr.contains("help: did you mean 'radiculopathy_on_exam'?"))
        let audit = try CLI.run(["audit", CLI.fixtureLetters.path, "--rules", broken])
        #expect(audit.status == 2)
    }

    @Test func rulesCommandsOnProjectRules() throws {
        #expect(try CLI.run(["rules", "lint", "--strict"]).status == 0)
        let list = try CLI.run(["rules", "list", "--format", "json"])
        let treatments = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(treatments.contains { $0["id"] as? String == "epidural_steroid_injection" })
        for t in treatments {
            #expect((t["citation"] as? String)?.isEmpty == false)
            #expect((t["examples"] as? Int ?? 0) >= 2, "\(t["id"] ?? "")")
        }
        let test = try CLI.run(["rules", "test"])
        #expect(test.lines.last?.hasSuffix("0 failed") == true || test.lines.last?.contains(" 0 failed") == true, "\(test.lines.suffix(3))")
        let explain = try CLI.run(["rules", "explain", "epidural_steroid_injection"])
        #expect(explain.stdout.contains("page") || explain.stdout.contains("p.46"))
        // Works from any working directory (found from the binary's location).
        let elsewhere = try CLI.run(["rules", "list"], cwd: FileManager.default.temporaryDirectory)
        #expect(elsewhere.status == 0)
    }

    /// `--date` is the request date: the edition note says so (it said "the document's date").
    @Test func predictDateNamesItsSource() throws {
        let plain = try CLI.run(["predict", "--request", "Lumbar ESI L4-5", "examples/requests/esi-documented.txt"])
        #expect(plain.stdout.contains("Edition: criteria in force on 2015-02-10 (the document's date)"))
        let dated = try CLI.run(["predict", "--date", "2015-03-02", "--request", "Lumbar ESI L4-5", "examples/requests/esi-documented.txt"])
        #expect(dated.status == 0)
        #expect(dated.stdout.contains("Edition: criteria in force on 2015-03-02 (the request date given with --date)"))
        #expect(try CLI.run(["predict", "--date", "2015-02-30", "--request", "ESI"]).status == 2)
    }

    @Test func predictDiffersWithDocumentation() throws {
        let documented = try CLI.run(["predict", "--request", "Lumbar ESI L4-5", "examples/requests/esi-documented.txt", "--format", "json"])
        let undocumented = try CLI.run(["predict", "--request", "Lumbar ESI L4-5", "examples/requests/esi-undocumented.txt", "--format", "json"])
        let a = try JSONSerialization.jsonObject(with: Data(documented.stdout.utf8)) as? [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(undocumented.stdout.utf8)) as? [String: Any]
        #expect(a?["treatment"] as? String == "epidural_steroid_injection")
        #expect(a?["predicted"] as? String == "Overturned")
        #expect(b?["predicted"] as? String == "Upheld")
        let unmet = (b?["criteria"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "unmet" }.compactMap { $0["id"] as? String }
        #expect(unmet.contains("esi.radicular_pain"))
        let text = try CLI.run(["predict", "--request", "Lumbar ESI L4-5", "examples/requests/esi-undocumented.txt"])
        #expect(text.stdout.contains("✗"))
        let none = try CLI.run(["predict", "--request", "Hyperbaric oxygen chamber", "examples/requests/esi-undocumented.txt", "--format", "json"])
        let n = try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [String: Any]
        #expect(n?["treatment"] is NSNull)
        #expect(n?["predicted"] is NSNull)
    }

    /// The conventions of issue #18: `--output -` is standard output; a folder with nothing to read
    /// warns "no inputs" and exits 1 for every command; `predict DIR` reads every note in it.
    @Test func outputDashEmptyFoldersAndPredictOverAFolder() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dash = try CLI.run(["audit", "examples/letters", "--format", "csv", "--output", "-"], cwd: nil)
        #expect(dash.status == 0)
        #expect(dash.lines.first?.hasPrefix("source,item,request") == true)
        #expect(!FileManager.default.fileExists(atPath: CLI.packageRoot.appendingPathComponent("-").path))
        for command in ["parse", "facts", "predict", "audit"] {
            let r = try CLI.run([command, dir.path])
            #expect(r.status == 1, "\(command) of an empty folder")
            #expect(r.stderr.contains("warning: no inputs: \(dir.path) holds no .txt"), "\(command): \(r.stderr)")
        }
        let folder = try CLI.run(["predict", "examples/requests", "--format", "jsonl"])
        #expect(folder.status == 0)
        let sources = folder.lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String }
        #expect(Set(sources).count == 6 && sources == sources.sorted())
        let missing = try CLI.run(["predict", "examples/requests/no-such-note.txt"])
        #expect(missing.status == 1 && missing.stderr.contains("no-such-note.txt: no such file or directory"))
    }

    @Test func closedPipeEndsCleanly() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "'\(CLI.binary)' parse '\(CLI.fixtureLetters.path)' --format jsonl --jobs 2 | head -c 10 > /dev/null; echo ${PIPESTATUS[0]}"]
        p.currentDirectoryURL = CLI.packageRoot
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        p.waitUntilExit()
        #expect(status == "0", "imr-check ended with \(status) when its reader closed the pipe")
    }

    @Test(.enabled(if: CLI.seedsPresent, "../shared/seeds is absent: the real-letter audit test is skipped"))
    func auditOfSeedLetters() throws {
        let r = try CLI.run(["audit", CLI.seeds.path, "--format", "jsonl"])
        #expect(r.status == 0)
        let items = try r.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(items.count == 13)
        let expected = ["epidural_steroid_injection", "epidural_steroid_injection", "physical_therapy", "referral_consult",
                        "electrotherapy", "topical_analgesic", "opioid", "sympathetic_block", "epidural_steroid_injection",
                        "mra", "mra", "mra", "medial_branch_block"]
        // Seed 001 item 1 is a bundle (ESI and facet injections): its treatment is the first family named.
        #expect(items.map { $0["treatment"] as? String ?? "null" } == expected)
        #expect((items[1]["components"] as? [String]) == ["epidural_steroid_injection", "facet_joint_injection"])
        let recorded = items.compactMap { $0["recorded"] as? String }
        #expect(recorded.filter { $0 == "Overturned" }.count == 1)
        #expect(items.allSatisfy { $0["agrees"] as? Bool == true }, "\(items.filter { $0["agrees"] as? Bool != true }.map { $0["request"] ?? "" })")
        let csv = try CLI.run(["audit", CLI.seeds.path, "--format", "csv"])
        #expect(csv.lines.count == 14)
    }
}
