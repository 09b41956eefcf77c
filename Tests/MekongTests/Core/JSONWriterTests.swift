import Foundation
import Testing
@testable import MekongCore

@Suite struct JSONWriterTests {
    @Test func escapesQuotesControlsAndLineSeparators() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key("s"); w.string("a\"b\\c\n\t\u{1}\u{2028}x\u{2029}é€😀")
        w.key("n"); w.int(-3)
        w.key("f"); w.fixed(0.12345)
        w.key("a"); w.beginArray(); w.null(); w.bool(true); w.endArray()
        w.endObject()
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == #"{"s":"a\"b\\c\n\t\u0001\u2028x\u2029é€😀","n":-3,"f":0.123,"a":[null,true]}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(w.bytes)) as! [String: Any]
        #expect(parsed["s"] as? String == "a\"b\\c\n\t\u{1}\u{2028}x\u{2029}é€😀")
    }

    @Test func fixedDecimalsDoNotDependOnFloatPrinting() {
        var w = JSONWriter()
        w.beginArray(); w.fixed(1); w.fixed(0.0006); w.fixed(-0.25); w.endArray()
        #expect(String(decoding: w.bytes, as: UTF8.self) == "[1.000,0.001,-0.250]")
    }

    @Test func integersAndFixedDecimalsAreWrittenDigitByDigit() {
        var w = JSONWriter()
        w.beginArray()
        for v in [0, 7, -7, 10, 1_000_000, Int.max, Int.min] { w.int(v) }
        w.fixed(12.3456, decimals: 2); w.fixed(-1234.5, decimals: 1); w.fixed(0.05, decimals: 0); w.fixed(-0.0004)
        w.endArray()
        #expect(String(decoding: w.bytes, as: UTF8.self)
            == "[0,7,-7,10,1000000,9223372036854775807,-9223372036854775808,12.35,-1234.5,0.0,0.000]")
    }

    @Test func codePointCounterCountsScalarsNotBytes() {
        var c = CodePointCounter(Array("aé😀b".utf8))
        #expect(c.codePoint(at: 0) == 0)
        #expect(c.codePoint(at: 3) == 2)
        #expect(c.codePoint(at: 7) == 3)
        #expect(c.codePoint(at: 1) == 1)
        #expect(c.codePoint(at: 8) == 4)
    }
}
