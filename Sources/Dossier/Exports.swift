// `import Dossier` is enough: the database layer beneath it (DatabasePool, DatabaseConnection,
// Row, Migration, DatabaseError…) is part of what a program uses through `ContentDatabase.pool`
// and the migration API, so Dossier re-exports it. Without this, a program built with the
// upcoming feature `MemberImportVisibility` could not call `content.pool.read` without also
// importing DossierDB.
@_exported public import DossierDB
