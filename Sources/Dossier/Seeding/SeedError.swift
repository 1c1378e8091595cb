/// Why seeding stopped. Nothing was written: seeding is one transaction.
public enum SeedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The seed files are malformed or break a rule: each problem names the file, the path
    /// inside it and the reason.
    case invalid([SeedProblem])
    /// Seeding would overwrite or delete content that was changed in the database since it was
    /// seeded, that the seeds did not create, or that another dossier seeded. Each names the
    /// item; seed again with ``SeedForce`` covering it to overwrite it.
    case conflicts([SeedProblem])

    /// The problems.
    public var problems: [SeedProblem] {
        switch self {
        case .invalid(let problems), .conflicts(let problems): return problems
        }
    }

    /// One line per problem, after a summary.
    public var description: String {
        switch self {
        case .invalid(let problems):
            return "the seed files have \(problems.count) problem(s), nothing was written:\n"
                + problems.map { "  " + $0.description }.joined(separator: "\n")
        case .conflicts(let problems):
            return "seeding conflicts with \(problems.count) item(s) of the database, nothing was written:\n"
                + problems.map { "  " + $0.description }.joined(separator: "\n")
        }
    }
}

/// One problem in the seed files, or one conflict with the database.
public struct SeedProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file, relative to the seed folder: `ketamine.json`.
    public var file: String
    /// Where in the file: `claims[3].onset.lower_unit` (empty for the whole file).
    public var path: String
    /// What is wrong, and what to do.
    public var reason: String
    /// Lines that show it: for a conflict, each field in which the database differs from the
    /// file (`title: "old" → "new"`), and what to do.
    public var details: [String]

    /// Creates a problem.
    public init(file: String, path: String, reason: String, details: [String] = []) {
        self.file = file
        self.path = path
        self.reason = reason
        self.details = details
    }

    /// "ketamine.json: claims[3].slug: …", then the details, one indented line each.
    public var description: String {
        // Paths hold a file's keys and reasons its values: shown escaped, one line each.
        let (file, path, reason) = (MessageText.escaped(file), MessageText.escaped(path), MessageText.escaped(reason))
        let line = path.isEmpty ? "\(file): \(reason)" : "\(file): \(path): \(reason)"
        return ([line] + details.map { "    " + MessageText.escaped($0) }).joined(separator: "\n")
    }
}
