/// One measured run of a scale phase, by one implementation.
struct ScaleResult {
    /// "import 100000 claims", "import 100000 claims (JSON document)", "export 100000 claims".
    var phase: String
    /// `dossier`, `raw` and `raw-set` (the C API into the same schema, a row at a time and
    /// set-based) or `sqlite3` (the shell).
    var implementation: String
    var claims: Int
    var seconds: Double
    /// Bytes; nil when unknown.
    var peakRSS: Int?
    /// Whether ``peakRSS`` was sampled while the process ran (a lower bound, see
    /// ``MeasuredProcess``) rather than known exactly.
    var peakIsSampled = false

    static func importPhase(_ claims: Int) -> String { "import \(claims) claims" }
    static func documentImportPhase(_ claims: Int) -> String { "import \(claims) claims (JSON document)" }
    static func exportPhase(_ claims: Int) -> String { "export \(claims) claims" }
}
