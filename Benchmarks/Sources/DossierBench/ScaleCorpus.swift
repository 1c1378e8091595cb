import Foundation

/// The corpus: an export of the shipped dossier whose claims are duplicated under new
/// slugs (`<slug>-<n>`, same source, same quotes: a quote is found by its words, so copies
/// cite the same span), to any number of claims, in both export layouts.
///
/// The corpus is written as it is made, one object at a time, so the generator holds only the
/// shipped dossier: a million claims is over a gigabyte per layout.
struct ScaleCorpus {
    /// How many claims the corpus holds.
    let claims: Int
    /// The NDJSON layout: a header line, one object per line with its `type`, an end line.
    let ndjsonPath: String
    /// The JSON document layout, as `exportJSON()` writes it; nil when not written.
    let documentPath: String?
    /// How many object lines the NDJSON holds (the end line's `objects`).
    let objectCount: Int

    /// The sections of an export in document order, with the NDJSON `type` of their objects.
    static let sections = [
        ("sources", "source"), ("entities", "entity"), ("events", "event"), ("mechanisms", "mechanism"), ("claims", "claim"),
        ("relations", "relation"),
    ]

    /// A stand-in slug, replaced in the rendered bytes, so each claim is rendered once and not
    /// a million times.
    private static let marker = "dossier-bench-slug-marker"

    /// Writes a corpus of `claims` claims built from `export` (a JSON document export of the
    /// shipped dossier) into `folder`.
    static func write(claims: Int, from export: String, folder: String, document: Bool) throws -> ScaleCorpus {
        guard let root = try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any] else {
            throw UsageError(message: "the export is not a JSON object")
        }
        func objects(_ section: String) throws -> [[String: Any]] {
            guard let objects = root[section] as? [[String: Any]] else { throw UsageError(message: "the export has no \(section)") }
            return objects
        }
        let shipped = try objects("claims")
        guard !shipped.isEmpty else { throw UsageError(message: "the shipped dossier has no claims") }
        let header: [String: Any] = ["format": root["format"] ?? "", "version": root["version"] ?? 0, "generator": root["generator"] ?? ""]

        // The claims the corpus repeats, each rendered once around the marker slug. The first
        // copy of each keeps its own slug, so the shipped relations still name existing claims.
        func templates(type: String?) throws -> [(slug: String, before: Data, after: Data)] {
            try shipped.map { claim in
                var claim = claim
                let slug = claim["slug"] as? String ?? ""
                claim["slug"] = marker
                let rendered = try type.map { try typed($0, claim) } ?? render(claim)
                guard let range = rendered.range(of: Data("\"\(marker)\"".utf8)) else {
                    throw UsageError(message: "cannot find the slug in a rendered claim")
                }
                return (slug, rendered[..<range.lowerBound], rendered[range.upperBound...])
            }
        }
        func writeClaims(_ sink: FileSink, templates: [(slug: String, before: Data, after: Data)], separator: String) throws {
            for index in 0..<claims {
                let template = templates[index % templates.count]
                let copy = index / templates.count
                if index > 0 { try sink.write(separator) }
                try sink.write(template.before)
                try sink.write(copy == 0 ? "\"\(template.slug)\"" : "\"\(template.slug)-\(copy)\"")
                try sink.write(template.after)
            }
        }

        let ndjsonPath = folder + "/corpus.ndjson"
        var objectCount = 0
        do {
            let sink = try FileSink(path: ndjsonPath)
            try sink.write(try typed("header", header, order: ["format", "version", "generator"]))
            try sink.write("\n")
            for (section, type) in sections {
                if section == "claims" {
                    try writeClaims(sink, templates: try templates(type: type), separator: "\n")
                    if claims > 0 { try sink.write("\n") }
                    objectCount += claims
                    continue
                }
                for object in try objects(section) {
                    try sink.write(try typed(type, object))
                    try sink.write("\n")
                    objectCount += 1
                }
            }
            try sink.write("{\"type\":\"end\",\"objects\":\(objectCount)}")
            try sink.write("\n")
            try sink.flush()
        }

        var documentPath: String?
        if document {
            let path = folder + "/corpus.json"
            let sink = try FileSink(path: path)
            let rendered = try render(header)
            // The header's members, then each section: `{"format":…,"version":…` without its `}`.
            try sink.write(rendered.dropLast())
            for (section, _) in sections {
                try sink.write(",\n\"\(section)\": [\n")
                if section == "claims" {
                    try writeClaims(sink, templates: try templates(type: nil), separator: ",\n")
                } else {
                    for (index, object) in try objects(section).enumerated() {
                        if index > 0 { try sink.write(",\n") }
                        try sink.write(try render(object))
                    }
                }
                try sink.write("\n]")
            }
            if let damage = root["damage"] {
                try sink.write(",\n\"damage\": ")
                try sink.write(try render(damage))
            }
            try sink.write("\n}\n")
            try sink.flush()
            documentPath = path
        }
        return ScaleCorpus(claims: claims, ndjsonPath: ndjsonPath, documentPath: documentPath, objectCount: objectCount)
    }

    /// One object as an NDJSON line's JSON: its `type` first, then its members (in `order`,
    /// else sorted), so a reader can tell what a line holds from its start.
    private static func typed(_ type: String, _ object: [String: Any], order: [String]? = nil) throws -> Data {
        var line = Data("{\"type\":\"\(type)\"".utf8)
        for key in order ?? object.keys.sorted() {
            line += Data(",".utf8) + (try render(key)) + Data(":".utf8) + (try render(object[key] ?? NSNull()))
        }
        return line + Data("}".utf8)
    }

    /// One object as compact JSON (keys sorted, so the output is the same on every run).
    private static func render(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    }
}
