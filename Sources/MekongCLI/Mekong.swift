import ArgumentParser

@main
struct Mekong: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mekong",
        abstract: "Annotate Vietnamese, Dutch and English news text as JSONL.",
        discussion: """
        Examples:
          mekong annotate corpora/                      every .txt/.jsonl file under corpora/, JSONL to stdout
          mekong annotate page.txt -o page.jsonl        one document, written to a file
          cat page.txt | mekong annotate --format sentences
                                                        one sentence per line (a stdin-to-stdout filter)
          mekong annotate scraped.jsonl --text-field body --id-field url --jobs 2
          mekong annotate a.txt --unit sentence --raw-offsets
        Offsets in the JSONL are code points into the record's "text": Python's text[start:end] slices them.
        """,
        version: "0.1.0",
        subcommands: [Annotate.self]
    )
}
