import Dispatch
import Foundation

/// Ctrl-C ends a long run cleanly: no new input is started, what is finished is written out
/// whole (never a line cut in half), and the run exits with status 130.
enum Interrupt {
    nonisolated(unsafe) private static var flag = false
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    static var requested: Bool { flag }

    static func install() {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler {
            if flag { exit(130) }  // a second Ctrl-C stops at once
            flag = true
        }
        s.resume()
        source = s
    }
}
