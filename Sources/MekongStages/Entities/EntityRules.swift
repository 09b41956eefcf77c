import MekongCore

/// Entities found by the shape of the text and the word lists of a `Gazetteer`:
/// - a person after a title or honorific (`Thứ trưởng …`, `de heer …`, `Mr. …`, `ông …`);
/// - a Vietnamese personal name: a surname and one to three capitalised given-name
///   syllables, with or without diacritics (`Nguyễn Mạnh Linh`, `Trinh Minh Anh`);
/// - an organisation from its head word (`Bộ …`, `Viện …`, `Ministerie van …`) or its tail
///   word (`… Group`, `… Joint Venture`); a team from its age group (`U23 Việt Nam`);
/// - a name after a cue word: a place after `tỉnh`, a language after `tiếng`;
/// - an acronym in brackets after a name (`… ( PTSC )`);
/// - known names from the gazetteer itself.
/// Rules and gazetteer proposals compete by length (`EntityMerger`); the tagger's come after.
enum EntityRules {
    static func candidates(_ p: UnsafeBufferPointer<UInt8>, _ s: SentenceTokens, _ g: Gazetteer, known: [Gazetteer.Match], language: Language, into out: inout [EntityCandidate]) {
        // The known name starting at each token, if any.
        var knownStart = [Gazetteer.Match?](repeating: nil, count: s.count)
        for m in known { knownStart[m.first] = m }

        func span(_ r: Range<Int>) -> TextSpan { TextSpan(s.tokens[r.lowerBound].start, s.tokens[r.upperBound - 1].end) }
        func add(_ r: Range<Int>, _ label: Entity.Label, _ source: Entity.Source, id: String? = nil, priority: Int = 0) {
            guard !r.isEmpty else { return }
            out.append(EntityCandidate(span: span(r), label: label, source: source, id: id, priority: priority))
        }
        /// A capitalised word (not a lone punctuation token).
        func name(_ k: Int) -> Bool { k < s.count && s.isWord(k) && (s.isCapitalized(k) || s.isAllCapitals(k)) }
        /// Whether a Vietnamese personal name (surname, given syllable) that is no known name starts at `k`.
        func personStarts(_ k: Int) -> Bool {
            guard name(k), k + 1 < s.count, name(k + 1), knownStart[k] == nil else { return false }
            if g.foreignGivenNames.contains(s.folded[k]) && !s.isAllCapitals(k) { return true }
            return g.surnames.contains(s.folded[k]) && g.givenSyllables.contains(s.folded[k + 1])
                && g.titles.longest(s.folded, from: k) == nil && g.heads.longest(s.folded, from: k) == nil
        }
        /// Whether another name starts at `k`: an organisation head, a title, a person (the end of a run).
        func otherNameStarts(_ k: Int) -> Bool {
            g.heads.longest(s.folded, from: k) != nil || g.titles.longest(s.folded, from: k) != nil || personStarts(k)
        }
        func isConnector(_ b: Int) -> Bool { g.isConnector(s.folded[b]) }
        /// A lowercase word that may stand inside a Vietnamese name: no function word, connector or cue.
        func isBridge(_ b: Int) -> Bool {
            s.isLowercaseWord(b) && !g.stopwords.contains(s.folded[b]) && !isConnector(b) && g.cues.longest(s.folded, from: b) == nil
        }
        /// A hyphen written against the word before it (`Industrie- en Handelsbeleid`).
        func isAttachedHyphen(_ b: Int) -> Bool { b > 0 && isMark(b, 0x2D) && s.tokens[b].start == s.tokens[b - 1].end }
        /// Where a run of capitalised words from `k` ends, through connectors (`van der`, `và`)
        /// and, with `bridges` (Vietnamese), the lowercase syllables of a name's words: a pair
        /// seen in a known name (`Tài chính`), or up to two before a capitalised word
        /// (`Truyền tải điện Quốc gia`) that are no function words. A title, an organisation
        /// head or a person's name ends the run.
        /// In an organisation's name (`orgName`), a name shaped like a person's after a conjunction
        /// goes on the name (`Cơ Quan Đánh Giá và Ứng Dụng Công Nghệ`).
        func runEnd(_ k: Int, limit: Int, bridges: Bool, conjunctions: Bool = true, orgName: Bool = false) -> Int {
            var j = k
            while j < s.count && j - k < limit {
                if j > k && otherNameStarts(j) { break }
                if name(j) { j += 1; continue }
                if j > k && isAttachedHyphen(j) && j + 1 < s.count && g.conjunctions.contains(s.folded[j + 1]) && conjunctions { j += 1; continue }
                if j > k && s.isLowercaseWord(j) {
                    if bridges && name(j - 1) && g.nameBigrams.contains(Gazetteer.pair(s.folded[j - 1], s.folded[j])) { j += 1; continue }
                    var c = j
                    while c < s.count && c - j < 2 && (g.particles.contains(s.folded[c]) || g.links.contains(s.folded[c]) || conjunctions && g.conjunctions.contains(s.folded[c])) { c += 1 }
                    if c > j && name(c) && !otherNameStarts(c) { j = c; continue }
                    if c > j && orgName && g.conjunctions.contains(s.folded[c - 1]) && personStarts(c) {
                        j = c
                        while j < s.count && j - k < limit && name(j) { j += 1 }
                        continue
                    }
                    if bridges && name(j - 1) && isBridge(j) {
                        // A name's last word ends lowercase (`Vật liệu`, `Tài chính`, `Xuất nhập khẩu`): one such
                        // word before a function word or a mark, two before another name.
                        if j + 1 == s.count || !s.isWord(j + 1) || g.stopwords.contains(s.folded[j + 1]) { j += 1; break }
                        if j + 2 <= s.count, isBridge(j + 1), j + 2 == s.count || otherNameStarts(j + 2) { j += 2; break }
                    }
                    if bridges {
                        var b = j
                        while b < s.count && b - j < 2 && isBridge(b) { b += 1 }
                        if b > j && name(b) && !otherNameStarts(b) { j = b; continue }
                    }
                }
                break
            }
            return j
        }
        /// An event's year or number after its name (`SEA Games 33`, `Hội chợ Mùa Xuân 2026`).
        func withNumber(_ e: Int, _ label: Entity.Label) -> Int {
            guard label == .EVENT || label == .MISC, e < s.count, s.isWord(e) else { return e }
            let digits = !s.isCapitalized(e) && !s.isLowercaseWord(e) && !s.isAllCapitals(e)
            let roman = s.isAllCapitals(e) && p[s.tokens[e].range].allSatisfy { [0x49, 0x56, 0x58, 0x4C, 0x43].contains($0) }
            return digits || roman ? e + 1 : e
        }

        // A Vietnamese sentence in title case (a headline translated word for word from English:
        // `Tình Hình Rất Xấu`) capitalizes every word, so no name shows by its shape.
        let titleCaseVietnamese: Bool = {
            guard language == .vi else { return false }
            var words = 0, capitals = 0
            for k in 0..<s.count where s.isWord(k) {
                words += 1
                if s.isCapitalized(k) { capitals += 1 }
            }
            return words >= 5 && capitals * 4 >= words * 3 || words >= 4 && capitals == words
        }()

        var i = 0
        while i < s.count {
            // Known names; a lone one that is also a given name (`Nga`, `Anh`) only when no title precedes it.
            if let m = knownStart[i], !(m.entry.alsoGivenName && i > 0 && g.titles.longest(s.folded, from: i - 1, limit: i) != nil) {
                // A lone word that is also a given name and an honorific, sentence-initial: too weak (`Anh` = he, you);
                // before a name that is no known place, the honorific (`kể cả Anh Mandagi`, Mr Mandagi).
                let honorific = m.entry.alsoGivenName && m.end == i + 1 && g.titles.longest(s.folded, from: i, limit: i + 1) != nil
                if !(honorific && (i == 0 || language == .vi && name(i + 1) && knownStart[i + 1] == nil)) {
                    add(m.first..<withNumber(m.end, m.entry.label), m.entry.label, .gazetteer, id: m.entry.id, priority: 2)
                }
            }
            // Title, then the person's name.
            // Not where the title word starts a longer known name (`General Assembly`, `General Motors`).
            if let (titleEnd, _) = g.titles.longest(s.folded, from: i), !g.startsNotAName(s, at: i), (knownStart[i]?.end ?? 0) <= titleEnd {
                let k = titleEnd
                // Stop before an organisation or a known place: `Bộ trưởng Bộ Công Thương`.
                var j = k
                while j < s.count && name(j) && j - k < 4 {
                    if g.heads.longest(s.folded, from: j) != nil || s.isAllCapitals(j) { break }
                    // Another title ends the name, unless it is one syllable that is also a given name (`Minh Anh`).
                    if j > k, let (t, _) = g.titles.longest(s.folded, from: j), t - j > 1 || !g.givenNames.contains(s.folded[j]) { break }
                    if let m = knownStart[j], m.entry.label != .PER, m.end - m.first > 1 || !m.entry.alsoGivenName { break }
                    // After a Vietnamese office (a title of two words or more, no kin word), a lone country
                    // that is also a given name is the office's country: `tổng thống Mỹ` is the US president.
                    if language == .vi, j == k, titleEnd - i >= 2, let m = knownStart[j], m.entry.label == .LOC, !name(j + 1) { break }
                    j += 1
                    // Particles inside a surname: `de heer Van der Berg`, `Marieke de Vries`.
                    // Not `van IFPI` or `van Sint-Niklaas`: an acronym or a known place or organisation
                    // after `van` is where the person is from, not their surname.
                    var c = j
                    while c < s.count && g.particles.contains(s.folded[c]) && c - j < 2 { c += 1 }
                    if c > j && name(c) && c - k < 4 && !s.isAllCapitals(c) && !(knownStart[c].map { $0.entry.label != .PER } ?? false) { j = c + 1 }
                }
                // `Tổng thống Nga Vladimir Putin`: a known place before a full name is the title's country.
                var first = k
                if j - k >= 3, let m = knownStart[k], m.end == k + 1, m.entry.label == .LOC, !g.surnames.contains(s.folded[k]) { first = k + 1 }
                if j > first { add(first..<j, .PER, .rule, priority: 3) }
            }
            // Vietnamese personal name by its shape.
            // (Not where a known name of several words starts: `Bo Cong Thuong` is the ministry.)
            if !titleCaseVietnamese && name(i) && g.surnames.contains(s.folded[i]) && g.titles.longest(s.folded, from: i) == nil && (knownStart[i].map { $0.end - $0.first < 2 } ?? true) {
                var j = i + 1
                while j < s.count && j - i < 4 && name(j) && (g.givenSyllables.contains(s.folded[j]) || language == .vi && !s.isAllCapitals(j)) { j += 1 }
                let length = j - i
                // Outside Vietnamese text the name is written in title case (`TO THE` in a headline is no Tô Thế).
                let titleCase = language == .vi || (i..<j).allSatisfy { !s.isAllCapitals($0) }
                // Nor when the capitalised words go on (`Luc Van Lierde`, a Flemish name): the shape
                // covers the whole name or it is no Vietnamese name.
                let whole = language == .vi || j == s.count || !name(j)
                if length >= 2 && titleCase && whole && (language == .vi || i > 0 || length >= 3) { add(i..<j, .PER, .rule, priority: 1) }
            }
            // Organisation head word, then its name — unless a known name starts here (`Đài Loan`).
            // Vietnamese writes some heads lowercase before the name (`bệnh viện Bạch Mai`); a title
            // that starts here wins over a head it folds to (`Pho Chu tich` is not `Phố`).
            if name(i) || language == .vi && s.isLowercaseWord(i), let (headEnd, label) = (name(i) ? g.heads : g.lowercaseHeads).longest(s.folded, from: i),
               name(headEnd), (knownStart[i]?.end ?? 0) < headEnd + 1, g.titles.longest(s.folded, from: i) == nil,
               name(i) || headEnd > i + 1 || p[s.tokens[i].range].contains(where: { $0 >= 0x80 }) {
                let e = runEnd(headEnd, limit: 12, bridges: language == .vi, orgName: language == .vi)
                // A lowercase place word is no part of the name (`tỉnh [Lào Cai]`, `cảng [Rotterdam]`).
                let start = !name(i) && label == .LOC ? headEnd : i
                if e > headEnd { add(start..<withNumber(e, label), label, .rule) }
            }
            // Cue word, then the name (`tỉnh Quảng Ninh`, `thành phố Huế`, `tiếng Nga`).
            if let (cueEnd, label) = g.cues.longest(s.folded, from: i), name(cueEnd), !(i == 0 && s.isCapitalized(i) && g.heads.longest(s.folded, from: i) != nil) {
                let e = label == .LOC ? runEnd(cueEnd, limit: 4, bridges: false) : cueEnd + 1
                add(cueEnd..<e, label, .rule, priority: 3)
            }
            // An age-group team: `U22 Việt Nam`, `U23 Thái Lan` (the country's team, an organisation).
            if isAgeGroup(i), let m = knownStart[i + 1], m.entry.label == .LOC {
                add(i..<m.end, .ORG, .rule, priority: 3)
            }
            // A run of capitalised words that ends in a tail word (`Hoa Phat Group`).
            if name(i) && (i == 0 || !name(i - 1)) {
                let e = runEnd(i, limit: 8, bridges: false, conjunctions: false)
                if e - i >= 2, let label = (e - i >= 3 ? g.tails[Gazetteer.pair(s.folded[e - 2], s.folded[e - 1])] : nil) ?? g.tails[s.folded[e - 1]] {
                    var b = i
                    // Not the sentence's first word when it is a function word (`The`, `De`), nor one
                    // before a lowercase word (`Zelfs de Fortis Bank`), nor a nationality (`Amerikaanse …`).
                    while b < e - 1 && (isConnector(b) || g.stopwords.contains(s.folded[b])) { b += 1 }
                    if b == 0 && e - b > 2 && s.isLowercaseWord(1) { b = 1 }
                    while b < e - 1 && (isConnector(b) || g.stopwords.contains(s.folded[b])) { b += 1 }
                    if let m = knownStart[b], m.entry.label == .MISC, m.end < e - 1 { b = m.end }
                    // `X van de Fortis Bank`, `X of the Y Group`: the name starts after the two connectors.
                    var k = e - 2
                    while k > b {
                        if isConnector(k) && isConnector(k - 1) { b = k + 1; break }
                        k -= 1
                    }
                    if e - b >= 2 { add(b..<e, label, .rule) }
                }
            }
            // An acronym in brackets after a name is the organisation's short name: `… Việt Nam ( PTSC )`.
            if i >= 2, i + 1 < s.count, isMark(i - 1, 0x28), isMark(i + 1, 0x29), name(i - 2), acronymLike(i) {
                add(i..<i + 1, knownStart[i]?.entry.label ?? .ORG, .rule, id: knownStart[i]?.entry.id, priority: 1)
            }
            i += 1
        }

        /// Two or more capitals and no blank: `PTSC`, `HoSE`, `VinIF`, `EuroCham`.
        func acronymLike(_ k: Int) -> Bool {
            var capitals = 0
            for b in p[s.tokens[k].range] where b >= 0x41 && b <= 0x5A { capitals += 1 }
            return capitals >= 2 && s.isWord(k)
        }
        /// `U19`, `U-23`: an age group, written before a country's name for its team.
        func isAgeGroup(_ k: Int) -> Bool {
            let r = s.tokens[k].range
            guard k + 1 < s.count, p[r.lowerBound] == 0x55, r.count == 3 || r.count == 4 else { return false }
            var digits = 0
            for b in p[(r.lowerBound + 1)..<r.upperBound] {
                if b >= 0x30 && b <= 0x39 { digits += 1 } else if b != 0x2D { return false }
            }
            return digits == 2
        }
        func isMark(_ k: Int, _ byte: UInt8) -> Bool { s.tokens[k].end - s.tokens[k].start == 1 && p[s.tokens[k].start] == byte }
    }

    /// Gazetteer features of a sentence's tokens for the tagger: the label of a known name
    /// (begin/inside/end/single), and membership of the given-name, surname, title,
    /// organisation-word and place-word lists.
    static func features(_ s: SentenceTokens, _ g: Gazetteer, known: [Gazetteer.Match], into matches: inout GazetteerMatches) {
        func mark(_ r: Range<Int>, _ list: UInt32) {
            for k in r {
                let position: GazetteerFeature.Position = r.count == 1 ? .single : k == r.lowerBound ? .begin : k == r.upperBound - 1 ? .end : .inside
                matches.add(GazetteerFeature(list: list, position: position), token: k)
            }
        }
        for m in known {
            mark(m.first..<m.end, 1 + UInt32(Entity.Label.allCases.firstIndex(of: m.entry.label) ?? 0))
        }
        let caseless = g.language == .en && s.isCaseless
        for k in 0..<s.count {
            let h = s.folded[k]
            if (s.isCapitalized(k) || caseless) && g.givenNames.contains(h) { mark(k..<k + 1, 10) }
            if s.isCapitalized(k) && g.surnames.contains(h) { mark(k..<k + 1, 11) }
            if let (e, _) = g.titles.longest(s.folded, from: k) { mark(k..<e, 12) }
            if let (e, _) = g.heads.longest(s.folded, from: k) { mark(k..<e, 13) }
            if g.tails[h] != nil { mark(k..<k + 1, 14) }
            if let (e, _) = g.cues.longest(s.folded, from: k) { mark(k..<e, 15) }
        }
    }
}

/// The gazetteer features for the tagger, for the stage and the trainer alike.
public struct GazetteerFeatures: GazetteerFeatureSource {
    /// Stored in models trained with these features; change it when the lists' meaning changes.
    public let identifier = "mekong-gazetteer-1"

    public init() {}

    public func match(_ text: UnsafeBufferPointer<UInt8>, tokens: ArraySlice<WordToken>, language: Language, into matches: inout GazetteerMatches) {
        guard let g = try? Gazetteer.shared(language) else { return }
        var s = SentenceTokens()
        s.load(text, tokens)
        EntityRules.features(s, g, known: g.matches(s), into: &matches)
    }
}
