import ArgumentParser

@main
struct Mekong: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mekong",
        abstract: "Annotate Vietnamese, Dutch and English news text as JSONL.",
        discussion: """
        Examples:
          # every .txt/.jsonl file under corpora/, JSONL to stdout
          mekong annotate corpora/
          # one sentence per line: a stdin-to-stdout filter
          cat page.txt | mekong annotate --format sentences
          # JSONL input with its own field names, on two cores
          mekong annotate scraped.jsonl --text-field body --id-field url --jobs 2
          # one record per sentence, with offsets into the raw input too
          mekong annotate page.txt --unit sentence --raw-offsets

        Offsets are code points into the record's "text": Python's text[start:end] slices them.
        """,
        version: "0.1.0",
        subcommands: [Annotate.self, Diff.self, TrainEntities.self]
    )
}
