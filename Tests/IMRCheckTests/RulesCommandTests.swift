import Foundation
import Testing

/// Extending the rules without touching Swift, as a clinician would: a family added with a rule file
/// alone, the rules folder named wherever a user puts --rules, help and did-you-mean for explain, a
/// skeleton from `rules new`, the impact of an edit on a corpus, and the examples an edit touched.
@Suite(.serialized) struct RulesCommandTests {
    /// A copy of the project's Rules/ in a temporary folder (deleted by the caller).
    static func copyOfRules() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Rules"), to: dir.appendingPathComponent("Rules"))
        return dir
    }

    static let newFamily = """
    # Vestibular rehabilitation: a family added by a test with this file alone (no Swift change).
    # Source: ODG (Non-MTUS) Head, "Vestibular PT rehabilitation" (the test's own wording).

    treatment vestibular_rehabilitation "Vestibular rehabilitation"
      requests "vestibular rehabilitation", "vestibular therapy", "vestibular PT"
      cites "ODG (Non-MTUS) Head" section "Vestibular PT rehabilitation"

    fact vestibular_symptoms bool "Dizziness or imbalance of vestibular origin after the injury"
      phrases "vertigo", "dizziness", "vestibular dysfunction", "imbalance"

    criterion vestibular.symptoms "Vestibular symptoms (vertigo, dizziness, imbalance) after the injury"
      require vestibular_symptoms
      role decisive "ODG: recommended for patients with vestibular complaints (dizziness and balance dysfunction)"
      reason no_indication
      missing "the dizziness, vertigo or imbalance and the findings that show it is vestibular"

    example "vertigo after a head injury" expect Overturned
      request "Vestibular rehabilitation x6"
      text "Since the fall she has vertigo when she turns her head."

    example "dizziness after a concussion" expect Overturned
      request "Vestibular therapy"
      text "He reports dizziness and imbalance since the concussion."

    example "no vestibular symptoms" expect Upheld
      request "Vestibular PT"
      text "She denies dizziness, vertigo or imbalance."

    example "neck pain only" expect Upheld
      request "Vestibular rehabilitation"
      given vestibular_symptoms = false
    """

    @Test func aNewFamilyFromARuleFileAlone() throws {
        let dir = try Self.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("Rules")
        try Self.newFamily.write(to: rules.appendingPathComponent("mtus/physical-medicine/vestibular-rehabilitation.rules"), atomically: true, encoding: .utf8)
        let lint = try CLI.run(["rules", "lint", rules.path, "--strict"])
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(!lint.stderr.contains("warning["), "\(lint.stderr)")
        let test = try CLI.run(["rules", "test", rules.path])
        #expect(test.status == 0, "\(test.stdout.suffix(2000))")
        #expect(test.stdout.contains("PASS vestibular_rehabilitation: vertigo after a head injury"))
        #expect(test.lines.last?.contains(" 0 failed") == true)
        let note = dir.appendingPathComponent("note.txt")
        try "Since the fall she has vertigo and imbalance.".write(to: note, atomically: true, encoding: .utf8)
        let predict = try CLI.run(["predict", "--rules", rules.path, "--request", "Vestibular rehabilitation x6", note.path, "--format", "json"])
        #expect(predict.status == 0, "\(predict.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as? [String: Any]
        #expect(json?["treatment"] as? String == "vestibular_rehabilitation")
        #expect(json?["predicted"] as? String == "Overturned")
        let list = try CLI.run(["rules", "list", rules.path, "--format", "json"])
        let families = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(families.contains { $0["id"] as? String == "vestibular_rehabilitation" })
    }

    @Test func theRulesFolderWhereverItIsNamed() throws {
        let dir = try Self.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("Rules").path
        try Self.newFamily.write(toFile: rules + "/mtus/vestibular.rules", atomically: true, encoding: .utf8)
        let request = ["--request", "Vestibular therapy", "--format", "json"]
        func family(_ r: CLI.Result) -> String? {
            (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["treatment"] as? String
        }
        // Only the copy knows the family: each form must have read it.
        #expect(family(try CLI.run(["--rules", rules, "predict"] + request)) == "vestibular_rehabilitation")
        #expect(family(try CLI.run(["--rules=\(rules)", "predict"] + request)) == "vestibular_rehabilitation")
        #expect(family(try CLI.run(["predict", "--rules", rules] + request)) == "vestibular_rehabilitation")
        #expect(family(try CLI.run(["predict"] + request + ["--rules", rules])) == "vestibular_rehabilitation")
        #expect(family(try CLI.run(["predict"] + request, environment: ["IMR_RULES": rules])) == "vestibular_rehabilitation")
        #expect(family(try CLI.run(["predict"] + request, environment: ["IMR_CHECK_RULES": rules])) == "vestibular_rehabilitation")
        for args in [["rules", "--rules", rules, "explain", "vestibular_rehabilitation"],
                     ["rules", "explain", "--rules", rules, "vestibular_rehabilitation"],
                     ["rules", "explain", rules, "vestibular_rehabilitation"],
                     ["--rules", rules, "rules", "explain", "vestibular_rehabilitation"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stdout.contains("Vestibular rehabilitation (vestibular_rehabilitation)"), "\(args)")
        }
        #expect(try CLI.run(["--rules", rules, "rules", "lint", "--strict"]).status == 0)
        #expect(try CLI.run(["rules", "--rules", rules, "lint"]).status == 0)
    }

    @Test func explainHasItsOwnHelpAndDidYouMean() throws {
        let help = try CLI.run(["rules", "explain", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: imr-check rules explain [DIR] ID"))
        #expect(!help.stdout.contains("--strict"))
        for sub in ["lint", "test", "list", "impact", "new"] {
            let r = try CLI.run(["rules", sub, "--help"])
            #expect(r.status == 0 && r.stdout.contains("USAGE: imr-check rules \(sub)"), "rules \(sub) --help")
        }
        let esi = try CLI.run(["rules", "explain", "esi"])
        #expect(esi.status == 2)
        #expect(esi.stderr.contains("did you mean 'epidural_steroid_injection'?"), "\(esi.stderr)")
        let typo = try CLI.run(["rules", "explain", "epidural_steroid_injectoin"])
        #expect(typo.stderr.contains("did you mean 'epidural_steroid_injection'?"))
        let hwave = try CLI.run(["rules", "explain", "h_wave_stimulation"])
        #expect(hwave.stdout.contains("Refines: electrotherapy"))
    }

    @Test func rulesNewWritesASkeletonThatLintsAndTestsClean() throws {
        let dir = try Self.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("Rules").path
        let new = try CLI.run(["rules", "new", "bone_growth_stimulator", "--rules", rules])
        #expect(new.status == 0, "\(new.stdout) \(new.stderr)")
        let file = rules + "/mtus/other/bone-growth-stimulator.rules"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for part in ["treatment bone_growth_stimulator", "fact ", "criterion bone_growth_stimulator.indication", "role decisive",
                     "cites ", "missing ", "expect Overturned", "expect Upheld"] {
            #expect(text.contains(part), "skeleton lacks \(part)")
        }
        #expect(try CLI.run(["rules", "lint", rules, "--strict"]).status == 0)
        let test = try CLI.run(["rules", "test", rules, "--run", "bone_growth_stimulator"])
        #expect(test.status == 0)
        #expect(test.lines.last == "2 passed, 0 failed")
        #expect(try CLI.run(["rules", "new", "bone_growth_stimulator", "--rules", rules]).status == 2)   // exists now
        #expect(try CLI.run(["rules", "new", "Bone Growth", "--rules", rules]).status == 2)             // not an id
    }

    @Test func impactListsTheItemsAnEditFlips() throws {
        let dir = try Self.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edited = dir.appendingPathComponent("Rules").path
        // An edit a clinician might make by mistake: a criterion no ESI can meet.
        try """
        criterion esi.impact_probe "Added by the impact test: never met"
          treatment epidural_steroid_injection
          require false
          role decisive "the test's"
          missing "nothing"
        """.write(toFile: edited + "/mtus/impact-probe.rules", atomically: true, encoding: .utf8)
        let examples = CLI.packageRoot.appendingPathComponent("examples").path
        let text = try CLI.run(["rules", "impact", "Rules", edited, examples])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("FLIP "), "\(text.stdout)")
        #expect(text.stdout.contains("esi.impact_probe: — → unmet ← changed it"))
        let json = try CLI.run(["rules", "impact", "Rules", edited, examples, "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        let changes = report["changes"] as? [[String: Any]] ?? []
        let flips = changes.filter { $0["outcome_changed"] as? Bool == true }
        #expect(!flips.isEmpty)
        #expect(flips.allSatisfy { ($0["changed_by"] as? [String]) == ["esi.impact_probe"] && $0["old"] as? String == "Overturned" })
        let byFamily = report["by_family"] as? [String: [String: Int]] ?? [:]
        #expect(byFamily["epidural_steroid_injection"]?["outcome_changes"] == flips.count)
        // The same folder twice: nothing changes.
        let same = try CLI.run(["rules", "impact", "Rules", "Rules", examples, "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(same.stdout.utf8)) as? [String: Any])?["changed"] as? Int == 0)
    }

    @Test func testChangedRunsTheExamplesOfTouchedFamilies() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { return }
        let dir = try Self.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("Rules").path
        try Self.newFamily.write(toFile: rules + "/mtus/vestibular.rules", atomically: true, encoding: .utf8)
        func git(_ args: [String]) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            p.arguments = ["-C", dir.path, "-c", "user.email=t@example.com", "-c", "user.name=test"] + args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
        }
        try git(["init", "-q"])
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "rules"])
        let clean = try CLI.run(["rules", "test", rules, "--changed"])
        #expect(clean.status == 0)
        #expect(clean.lines.last == "0 passed, 0 failed", "\(clean.stdout)")
        // Edit the family's fact: its examples run, and no other family's.
        let file = rules + "/mtus/vestibular.rules"
        try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "\"imbalance\"", with: "\"imbalance\", \"unsteadiness\"")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let changed = try CLI.run(["rules", "test", "--changed", "HEAD", "--rules", rules])
        #expect(changed.status == 0, "\(changed.stdout)")
        #expect(changed.stdout.contains("changed since HEAD: 1 of"))
        #expect(changed.lines.last == "4 passed, 0 failed", "\(changed.stdout)")
        #expect(try CLI.run(["rules", "test", rules, "--changed", "no-such-revision"]).status == 2)
    }
}
