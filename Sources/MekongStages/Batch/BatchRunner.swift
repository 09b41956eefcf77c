import Foundation
import MekongCore

/// Counts of a run, for the summary line on stderr.
public struct BatchSummary: Sendable {
    public var documentsIn = 0
    public var recordsOut = 0
    public var errors = 0
    public var bytesIn = 0
    public var seconds = 0.0
    /// Seconds spent in each stage, summed over workers (with `measureStages`).
    public var stageSeconds: [(StageName, Double)] = []
    /// Seconds spent reading documents from their bytes (decoding, encoding detection and
    /// repair, JSON parsing), summed over workers (with `measureStages`).
    public var ingestSeconds = 0.0

    public var line: String {
        let mb = Double(bytesIn) / 1_000_000
        let rate = seconds > 0 ? mb / seconds : 0
        return "mekong: \(documentsIn) documents in, \(recordsOut) records out, \(errors) error\(errors == 1 ? "" : "s") "
            + String(format: "(%.1f MB in %.2f s, %.1f MB/s)", mb, seconds, rate)
    }
}

/// Runs a pipeline over a stream of input items on `jobs` threads, writing one
/// result per input document in input order. Memory stays bounded: at most
/// `maxInFlight` documents (and about `maxBytesInFlight` bytes) are held at once.
/// A document that fails becomes an error record; the batch goes on.
public final class BatchRunner: @unchecked Sendable {
    public typealias Sink = ([UInt8]) -> Void

    private let jobs: Int
    private let configuration: PipelineConfiguration
    public let inputOptions: InputOptions
    private let output: OutputOptions
    private let forcedLanguage: Language?
    public var progress: ((BatchSummary) -> Void)?
    /// Time every stage (`--timings`).
    public var measureStages = false
    /// Lines repeated across a site's documents, counted by a first pass (`--site-boilerplate`).
    public var siteBoilerplate: SiteBoilerplate?

    public init(jobs: Int, configuration: PipelineConfiguration, input: InputOptions, output: OutputOptions, forcedLanguage: Language?) {
        self.jobs = max(1, jobs)
        self.configuration = configuration
        self.inputOptions = input
        self.output = output
        self.forcedLanguage = forcedLanguage
    }

    /// Processes one item with the given pipeline into output bytes; says whether it failed.
    private func process(_ item: InputItem, _ pipeline: inout Pipeline) -> (bytes: [UInt8], failed: Bool, records: Int) {
        var out: [UInt8] = []
        do {
            let started = measureStages ? ContinuousClock.now : nil
            var doc = try item.document(options: inputOptions)
            if let started { addIngestTime(ContinuousClock.now - started) }
            doc.forcedLanguage = forcedLanguage
            do {
                try pipeline.run(&doc)
            } catch {
                RecordWriter.writeError(id: doc.id, source: doc.source, stage: error.stage, message: error.message, options: output, into: &out)
                return (out, true, 1)
            }
            siteBoilerplate?.relabel(&doc)
            RecordWriter.write(doc, options: output, into: &out)
            return (out, false, output.unit == .sentence && output.format == .jsonl ? doc.sentences.count : 1)
        } catch {
            RecordWriter.writeError(id: item.id, source: item.source, stage: "ingest", message: error.message, options: output, into: &out)
            return (out, true, 1)
        }
    }

    /// Counts of the run so far; touched only by the thread that calls `run`.
    private var summary = BatchSummary()

    private let timingLock = NSLock()
    /// Stage times of finished pipelines; merged into the summary when the run ends.
    private var stageSeconds: [(StageName, Double)] = []

    /// Adds a finished pipeline's stage times (workers call it once each, from their threads).
    private func addTimings(_ pipeline: Pipeline) {
        guard measureStages else { return }
        timingLock.lock()
        defer { timingLock.unlock() }
        if stageSeconds.isEmpty { stageSeconds = pipeline.stageNames.map { ($0, 0) } }
        for (i, d) in pipeline.stageDurations.enumerated() {
            stageSeconds[i].1 += Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
    }

    private var ingestSeconds = 0.0

    private func addIngestTime(_ d: Duration) {
        timingLock.lock()
        ingestSeconds += Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        timingLock.unlock()
    }

    private func countInput(_ item: InputItem) {
        summary.documentsIn += 1
        summary.bytesIn += item.byteCount
    }

    public func run(_ items: some Sequence<InputItem>, sink: Sink) throws -> BatchSummary {
        let start = Date()
        summary = BatchSummary()
        stageSeconds = []
        ingestSeconds = 0
        var lastProgress = Date()
        func account(_ r: (bytes: [UInt8], failed: Bool, records: Int)) {
            sink(r.bytes)
            summary.recordsOut += r.records
            if r.failed { summary.errors += 1 }
            if let progress, Date().timeIntervalSince(lastProgress) > 0.25 {
                lastProgress = Date()
                summary.seconds = Date().timeIntervalSince(start)
                progress(summary)
            }
        }
        if jobs == 1 {
            var pipeline = try PipelineFactory.make(configuration)
            pipeline.measuresTime = measureStages
            for item in items {
                countInput(item)
                account(process(item, &pipeline))
            }
            addTimings(pipeline)
        } else {
            try runParallel(items, account: account)
        }
        summary.seconds = Date().timeIntervalSince(start)
        summary.stageSeconds = stageSeconds
        summary.ingestSeconds = ingestSeconds
        return summary
    }

    // MARK: Parallel run: a reader (this thread), `jobs` workers, results written in order.

    private let condition = NSCondition()
    private var queue: [(Int, InputItem)] = []
    private var queueHead = 0
    private var results: [Int: (bytes: [UInt8], failed: Bool, records: Int)] = [:]
    private var finishedReading = false
    private var bytesInFlight = 0

    private var maxInFlight: Int { jobs * 16 }
    private let maxBytesInFlight = 64 << 20

    private func runParallel(_ items: some Sequence<InputItem>, account: ((bytes: [UInt8], failed: Bool, records: Int)) -> Void) throws {
        queue = []; queueHead = 0; results = [:]; finishedReading = false; bytesInFlight = 0
        // Build pipelines up front so configuration errors surface before any thread starts.
        var pipelines: [Pipeline] = []
        for _ in 0..<jobs {
            var p = try PipelineFactory.make(configuration)
            p.measuresTime = measureStages
            pipelines.append(p)
        }
        let group = DispatchGroup()
        for w in 0..<jobs {
            let pipeline = UncheckedBox(pipelines[w])
            group.enter()
            let thread = Thread { [self] in
                var p = pipeline.value
                worker(&p)
                addTimings(p)
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var nextToWrite = 0
        var nextSeq = 0
        // With the lock held: writes every result that is next in input order, without the lock.
        func writeReady() -> Bool {
            guard let r = results.removeValue(forKey: nextToWrite) else { return false }
            nextToWrite += 1
            bytesInFlight -= r.bytes.count
            condition.unlock()
            account(r)
            condition.lock()
            return true
        }
        for item in items {
            countInput(item)
            condition.lock()
            while (nextSeq - nextToWrite) >= maxInFlight || bytesInFlight > maxBytesInFlight {
                if !writeReady() { condition.wait() }
            }
            queue.append((nextSeq, item))
            bytesInFlight += item.byteCount
            nextSeq += 1
            condition.broadcast()
            while writeReady() {}
            condition.unlock()
        }
        condition.lock()
        finishedReading = true
        condition.broadcast()
        while nextToWrite < nextSeq {
            if !writeReady() { condition.wait() }
        }
        condition.unlock()
        group.wait()
    }

    private func worker(_ pipeline: inout Pipeline) {
        while true {
            condition.lock()
            while queueHead == queue.count && !finishedReading { condition.wait() }
            if queueHead == queue.count && finishedReading {
                condition.unlock()
                return
            }
            let (seq, item) = queue[queueHead]
            queueHead += 1
            if queueHead > 1024 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            let r = process(item, &pipeline)
            condition.lock()
            bytesInFlight += r.bytes.count - item.byteCount
            results[seq] = r
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// Hands a non-Sendable value to exactly one other thread.
private struct UncheckedBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
