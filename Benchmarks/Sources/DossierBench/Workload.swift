import Dossier

/// splitmix64: the same pseudo-random sequence on every run and every machine.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// One claim of the workload, as every implementation writes it: the `records` row and the
/// `clinical_claims` row the repository writes.
struct BenchClaim: Sendable {
    var slug: String
    var title: String
    var statement: String
    var certainty: String
    var status: String
    var interventionIndex: Int
    var indicationIndex: Int?
    var outcome: String
    var onsetText: String?
    var onsetLower: String?
    var onsetUpper: String?

    var intervention: String { "drug-\(interventionIndex)" }
    var indication: String? { indicationIndex.map { "condition-\($0)" } }
}

/// Everything generated before any timer starts.
struct Workload: Sendable {
    static let interventions = 10
    static let indications = 20

    let claims: [BenchClaim]
    let lookupIDs: [Int64]
    let lookupSlugs: [String]
    let searchTerms: [String]
    let vocabulary: [String]

    init(rows: Int, lookups: Int, searches: Int) {
        var random = SplitMix64(state: 42)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var words: Set<String> = []
        var vocabulary: [String] = []
        while vocabulary.count < 2000 {
            let word = String((0..<6).map { _ in letters[random.below(letters.count)] })
            if words.insert(word).inserted { vocabulary.append(word) }
        }
        /// Skewed toward low indexes, like natural text: a few words are common, most are rare.
        func word(_ random: inout SplitMix64) -> String {
            let a = random.below(2000)
            let b = random.below(2000)
            return vocabulary[min(a, b)]
        }
        let certainties = Certainty.allCases.map(\.rawValue)
        var claims: [BenchClaim] = []
        claims.reserveCapacity(rows)
        for index in 0..<rows {
            let hasOnset = random.below(10) < 3
            claims.append(
                BenchClaim(
                    slug: "claim-\(String(index).leftPadded(to: 6))-\(vocabulary[random.below(2000)])",
                    title: (0..<5).map { _ in word(&random) }.joined(separator: " ").capitalizedFirst,
                    statement: (0..<17).map { _ in word(&random) }.joined(separator: " ").capitalizedFirst + ".",
                    certainty: certainties[random.below(certainties.count)],
                    status: random.below(4) == 0 ? "draft" : "published",
                    interventionIndex: random.below(Self.interventions),
                    indicationIndex: random.below(5) == 0 ? nil : random.below(Self.indications),
                    outcome: (0..<4).map { _ in word(&random) }.joined(separator: " "),
                    onsetText: hasOnset ? "within hours or days" : nil,
                    onsetLower: hasOnset ? "hours" : nil,
                    onsetUpper: hasOnset ? "days" : nil))
        }
        self.claims = claims
        self.vocabulary = vocabulary
        lookupIDs = (0..<lookups).map { _ in Int64(random.below(rows) + 1) }
        lookupSlugs = (0..<lookups).map { _ in claims[random.below(rows)].slug }
        // Search terms are words a person might look up: any word of the vocabulary, equally
        // likely, so some match thousands of claims and most a few hundred.
        searchTerms = (0..<searches).map { _ in vocabulary[random.below(vocabulary.count)] }
    }

    /// The claims as the repository takes them.
    func models() -> [ClinicalClaim] {
        claims.map { claim in
            ClinicalClaim(
                RecordInfo(
                    slug: claim.slug, title: claim.title, statement: claim.statement,
                    certainty: Certainty(rawValue: claim.certainty) ?? .possible,
                    status: RecordStatus(rawValue: claim.status) ?? .draft),
                intervention: EntitySlug(claim.intervention), indication: claim.indication.map { EntitySlug($0) }, outcome: claim.outcome,
                onset: claim.onsetText.map {
                    ClinicalClaim.Onset(
                        text: $0, lowerUnit: claim.onsetLower.flatMap(TimeUnit.init(rawValue:)),
                        upperUnit: claim.onsetUpper.flatMap(TimeUnit.init(rawValue:)))
                })
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }

    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

/// What a decoded claim contributes to a phase's checksum, so every implementation is shown to
/// have read the same data.
struct Checksum: Equatable, CustomStringConvertible {
    init(rows: Int = 0, ids: Int64 = 0, bytes: Int = 0) {
        self.rows = rows
        self.ids = ids
        self.bytes = bytes
    }

    var rows = 0
    var ids: Int64 = 0
    var bytes = 0

    mutating func add(id: Int64, _ strings: String?...) {
        rows += 1
        ids &+= id
        for string in strings { bytes &+= string?.utf8.count ?? 0 }
    }

    /// One row's id, without the variadic array of ``add(id:_:)``: for the claim phases,
    /// whose checksums run inside the counted region and must cost the same for every model.
    mutating func addRow(id: Int64) {
        rows += 1
        ids &+= id
    }

    /// One string's length.
    mutating func add(_ string: String?) {
        bytes &+= string?.utf8.count ?? 0
    }

    var description: String { "rows=\(rows) ids=\(ids) bytes=\(bytes)" }

    /// The checksum of decoded claims. The elements are read in place (`claims[index].field`),
    /// not copied out by a `for` loop, so the checksum costs the same whatever the model's shape.
    init(_ claims: [PlainClaim]) {
        for index in claims.indices { claims[index].addTo(&self) }
    }

    /// The checksum of Dossier's claims.
    init(_ claims: [ClinicalClaim]) {
        for index in claims.indices { claims[index].addTo(&self) }
    }
}

/// The claim model the raw C and GRDB implementations decode into: the same fields as
/// Dossier's `ClinicalClaim`, read from the same query.
struct PlainClaim {
    var id: Int64
    var slug: String
    var title: String
    var statement: String
    var certainty: String
    var status: String
    var deprecationReason: String?
    var version: Int64
    var createdAt: String
    var updatedAt: String
    var about: String?
    var intervention: String
    var indication: String?
    var population: String?
    var outcome: String
    var onsetText: String?
    var onsetLower: String?
    var onsetUpper: String?
    var comparator: String?
    var comparatorText: String?
    var comparatorOnsetText: String?
    var comparatorOnsetUnit: String?
    var evidenceLevel: String

    func addTo(_ checksum: inout Checksum) {
        checksum.addRow(id: id)
        checksum.add(slug)
        checksum.add(title)
        checksum.add(statement)
        checksum.add(intervention)
        checksum.add(indication)
        checksum.add(outcome)
        checksum.add(onsetText)
    }
}

extension ClinicalClaim {
    func addTo(_ checksum: inout Checksum) {
        checksum.addRow(id: info.id?.rawValue ?? 0)
        checksum.add(info.slug)
        checksum.add(info.title)
        checksum.add(info.statement)
        checksum.add(intervention.rawValue)
        checksum.add(indication?.rawValue)
        checksum.add(outcome)
        checksum.add(onset?.text)
    }
}
