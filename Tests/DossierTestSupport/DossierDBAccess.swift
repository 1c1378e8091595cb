import Dossier
import DossierDB

/// Raw SQL on a database file, for tests that damage data around the CLI. Writes go through a
/// connection configured as Dossier's writer (trusted schema), so the schema's triggers run.
public enum DossierDBAccess {
    /// Runs a script on the file at `path`.
    public static func execute(_ path: String, _ sql: String) throws {
        let db = try DatabaseConnection(path: path, configuration: ContentDatabase.configuration)
        try db.execute(sql)
    }
}
