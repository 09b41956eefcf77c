import CMekongIngest
import Foundation
import MekongCore

/// Where an input's bytes come from, chunk by chunk: a file or stdin, or the same
/// through a gzip inflater. An empty chunk means the end.
protocol ByteSource: AnyObject {
    func read(upTo count: Int) throws(IngestError) -> [UInt8]
}

final class FileSource: ByteSource {
    private let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }

    func read(upTo count: Int) throws(IngestError) -> [UInt8] {
        do {
            guard let data = try handle.read(upToCount: count) else { return [] }
            return [UInt8](data)
        } catch {
            throw IngestError(.unreadable, "read failed: \(error.localizedDescription)")
        }
    }
}

/// Inflates a gzip stream as it is read (concatenated members too). A stream that
/// stops before its end is an error, not a shorter document.
final class GzipSource: ByteSource {
    private let upstream: ByteSource
    private let z: OpaquePointer
    private var input: [UInt8] = []
    private var inputPosition = 0
    private var upstreamEnded = false
    private var streamEnded = false

    init(_ upstream: ByteSource) throws(IngestError) {
        self.upstream = upstream
        guard let z = mk_gunzip_open() else { throw IngestError(.unreadable, "cannot start the gzip inflater") }
        self.z = z
    }

    deinit { mk_gunzip_close(z) }

    func read(upTo count: Int) throws(IngestError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(count, 1))
        while true {
            if inputPosition == input.count && !upstreamEnded {
                input = try upstream.read(upTo: 1 << 18)
                inputPosition = 0
                if input.isEmpty { upstreamEnded = true }
            }
            if inputPosition == input.count && upstreamEnded {
                if streamEnded { return [] }
                throw IngestError(.truncated, "truncated gzip stream: it ends before its last block")
            }
            var consumed: Int64 = 0
            var produced: Int64 = 0
            let rc = input.withUnsafeBufferPointer { inp in
                output.withUnsafeMutableBufferPointer { out in
                    mk_gunzip_inflate(z, inp.baseAddress! + inputPosition, Int64(inp.count - inputPosition), &consumed,
                                      out.baseAddress!, Int64(out.count), &produced)
                }
            }
            if rc < 0 { throw IngestError(.unreadable, "gzip: \(String(cString: mk_gunzip_error(z)))") }
            inputPosition += Int(consumed)
            streamEnded = rc == 1
            if produced > 0 {
                output.removeSubrange(Int(produced)...)
                return output
            }
        }
    }
}
