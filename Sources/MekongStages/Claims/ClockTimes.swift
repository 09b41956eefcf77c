import MekongCore

/// Clock times (`19:30`, `19.30 uur`, `19h30`, `19 giờ 30`, `7 p.m.`, `7 uur 's avonds`)
/// as one claim of kind `time` with the value `HH:MM`. Without this a time is two numbers
/// (`19` and `30`) or a decimal (`19.3` hours), and a translation that writes the same time
/// the other language's way looks changed. The words are in `common/clock-words.tsv`.
struct ClockTimes: Sendable {
    enum Role: String { case hour, minute, am, pm, cue }
    private let words: [(bytes: [UInt8], role: Role)]

    private init() throws {
        var words: [([UInt8], Role)] = []
        for row in try ResourceData.table("common/clock-words.tsv") where row.count == 2 {
            guard let role = Role(rawValue: row[1]) else { continue }
            words.append((Array(row[0].utf8), role))
        }
        // Longer words first: `p.m.` before `pm`.
        self.words = words.sorted { $0.0.count > $1.0.count }
    }

    private static let loaded = Result { try ClockTimes() }
    static func shared() throws -> ClockTimes { try loaded.get() }

    struct Time: Equatable {
        var range: Range<Int>
        var hour: Int
        var minute: Int
        var value: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }
    }

    /// The clock times in a sentence's bytes, in order.
    func find(_ p: UnsafeBufferPointer<UInt8>) -> [Time] {
        let n = p.count
        func digit(_ i: Int) -> Int? { i < n && p[i] >= 0x30 && p[i] <= 0x39 ? Int(p[i] - 0x30) : nil }
        func isLetter(_ i: Int) -> Bool { i < n && ((p[i] | 0x20) >= 0x61 && (p[i] | 0x20) <= 0x7A || p[i] >= 0x80) }
        /// A clock word at `i` or one space after it: its role and where it ends.
        func word(at i: Int, _ roles: Set<Role>) -> (Role, Int)? {
            var k = i
            if k < n && p[k] == 0x20 { k += 1 }
            for (w, role) in words where roles.contains(role) && k + w.count <= n {
                var same = true
                for (m, b) in w.enumerated() where (p[k + m] | (b < 0x80 && b >= 0x41 ? 0x20 : 0)) != b { same = false; break }
                // A word ends at a non-letter (`a.m.` ends in a dot already).
                if same && (w.last == 0x2E || !isLetter(k + w.count)) { return (role, k + w.count) }
            }
            return nil
        }
        /// A cue word (`om`, `lúc`, `at`) among the three words before `i` (`om ongeveer 4 uur`,
        /// `vào khoảng 4 giờ`).
        func cueBefore(_ i: Int) -> Bool {
            var e = i
            for _ in 0..<3 {
                while e > 0 && p[e - 1] == 0x20 { e -= 1 }
                var b = e
                while b > 0 && isLetter(b - 1) { b -= 1 }
                guard b < e else { return false }
                if words.contains(where: { w in
                    w.role == .cue && w.bytes.count == e - b && zip(w.bytes, p[b..<e]).allSatisfy { $0 == ($1 | ($1 >= 0x41 && $1 <= 0x5A ? 0x20 : 0)) }
                }) { return true }
                e = b
            }
            return false
        }
        var out: [Time] = []
        var i = 0
        while i < n {
            guard let d0 = digit(i), i == 0 || !(digit(i - 1) != nil || isLetter(i - 1) || p[i - 1] == 0x2E || p[i - 1] == 0x2C || p[i - 1] == 0x3A) else { i += 1; continue }
            var j = i + 1
            var hour = d0
            if let d1 = digit(j) { hour = hour * 10 + d1; j += 1 }
            if digit(j) != nil { while digit(j) != nil { j += 1 }; i = j; continue }   // three digits: no hour
            var minute: Int?
            var cue = false
            var end = j
            func twoDigits(at k: Int) -> Int? {
                guard let a = digit(k), let b = digit(k + 1), digit(k + 2) == nil else { return nil }
                return a * 10 + b
            }
            if j < n, p[j] == 0x3A || p[j] == 0x68 || p[j] == 0x48, let m = twoDigits(at: j + 1), !(j + 3 < n && p[j + 3] == 0x3A && digit(j + 4) == nil) {
                // 19:30, 19h30
                minute = m; end = j + 3; cue = true
            } else if j < n, p[j] == 0x2E, let m = twoDigits(at: j + 1), let (role, e) = word(at: j + 3, [.hour, .am, .pm]) {
                // 19.30 uur; 5.30pm (the am or pm word is read below)
                minute = m; end = role == .hour ? e : j + 3; cue = true
            } else if let (_, e) = word(at: j, [.hour]) {
                // 7 uur, 19 giờ (30 phút)
                cue = true; end = e
                var k = e
                if k < n && p[k] == 0x20 { k += 1 }
                if let a = digit(k) {
                    var m = a
                    var l = k + 1
                    if let b = digit(l) { m = m * 10 + b; l += 1 }
                    if digit(l) == nil && !isLetter(l) || word(at: l, [.minute]) != nil {
                        minute = m
                        end = word(at: l, [.minute])?.1 ?? l
                    }
                }
            }
            var half: Role?
            if let (role, e) = word(at: end, [.am, .pm]) { half = role; end = e; cue = true }
            // A whole hour alone is as often a span of time (`24 uur`, `trong vòng 3 giờ`): a clock
            // time only after a cue (`om 7 uur`, `lúc 7 giờ`).
            if minute == nil && half == nil && !cueBefore(i) { cue = false }
            guard cue, hour <= 24, (minute ?? 0) <= 59 else { i = j; continue }
            if half == .pm && hour < 12 { hour += 12 }
            if half == .am && hour == 12 { hour = 0 }
            out.append(Time(range: i..<end, hour: hour % 24, minute: minute ?? 0))
            i = end
        }
        return out
    }
}
