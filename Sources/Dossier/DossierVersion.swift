/// The version of this build of Dossier: the one place it is written. `dossier --version` prints
/// it, and every export names it in its `generator` field. See CHANGELOG.md for what each
/// version holds.
public enum DossierVersion {
    /// The version, in Semantic Versioning form (`0.2.0-dev` while 0.2.0 is being made).
    public static let current = "0.2.0-dev"
}
