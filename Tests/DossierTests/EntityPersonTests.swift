import DossierDB
import DossierTestSupport
import Foundation
import Testing

@testable import Dossier

/// Entity kind `person`, which migration 0011 adds by rebuilding `entities`.
@Suite("Entity kind person and the rebuild of entities")
struct EntityPersonTests {
    @Test("a person entity seeds, and the database checks clean")
    func personSeeds() throws {
        let content = try ContentDatabase.inMemory()
        let report = try content.seed(
            from: .files([
                "people.json": """
                {"dossier": "people", "entities": [{"slug": "calvin-stevens", "kind": "person", "name": "Calvin Stevens",
                  "description": "The chemist who first made ketamine, in 1962."}]}
                """
            ]))
        #expect(report.insertedCount == 1)
        #expect(try content.entities.list().map(\.kind) == [.person])
        #expect(try content.check().errors.isEmpty)
    }

    @Test("a database made before migration 0011 keeps every entity, child row and id, and shows no schema drift after it")
    func rebuildKeepsRows() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("before.sqlite")
        try ContentSchema.migrate(databaseAt: path, upTo: 9)
        try DossierDBAccess.execute(
            path,
            """
            INSERT INTO entities(slug, kind, name) VALUES ('ketamine', 'substance', 'Ketamine'), ('gone', 'other', 'Gone'),
              ('nmda-receptor', 'receptor', 'NMDA receptor');
            DELETE FROM entities WHERE slug = 'gone';
            INSERT INTO entity_aliases(entity_id, alias, kind) SELECT id, 'Ketalar', 'brand' FROM entities WHERE slug = 'ketamine';
            INSERT INTO entity_identifiers(entity_id, scheme, value) SELECT id, 'mesh', 'D007649' FROM entities WHERE slug = 'ketamine';
            INSERT INTO dossiers(slug) VALUES ('old');
            INSERT INTO entity_definitions(entity_id, dossier) SELECT id, 'old' FROM entities;
            """)
        try ContentSchema.migrate(databaseAt: path)
        let verification = try ContentSchema.verify(databaseAt: path)
        #expect(verification.isSound, "\(verification.problems)")
        #expect(verification.schemaDrift.isEmpty, "\(verification.schemaDrift)")
        let content = try ContentDatabase(path: path)
        let counts = try content.pool.read { db in
            try db.fetchOne(
                """
                SELECT (SELECT group_concat(id || ':' || slug, ' ') FROM entities), (SELECT count(*) FROM entity_aliases),
                       (SELECT count(*) FROM entity_identifiers), (SELECT count(*) FROM entity_definitions)
                """
            ) { [try $0.text(0), String(try $0.int64(1)), String(try $0.int64(2)), String(try $0.int64(3))] }
        }
        #expect(counts == ["1:ketamine 3:nmda-receptor", "1", "1", "2"])
        // The AUTOINCREMENT counter came along: the deleted entity's id 2 is not given again.
        try content.entities.insert(Entity(slug: "calvin-stevens", kind: .person, name: "Calvin Stevens"))
        #expect(
            try content.pool.read { db in try db.fetchOne("SELECT id FROM entities WHERE slug = 'calvin-stevens'") { try $0.int64(0) } }
                == 4)
        // The rebuilt table keeps its rules and triggers: a bad kind is refused, an update is audited.
        try content.pool.write { db in
            #expect(throws: DatabaseError.self) { try db.execute("UPDATE entities SET kind = 'alien' WHERE slug = 'ketamine'") }
            try db.execute("UPDATE entities SET name = 'Ketamine hydrochloride' WHERE slug = 'ketamine'")
            #expect(
                try db.fetchOne("SELECT count(*) FROM audit_log WHERE table_name = 'entities' AND operation = 'update'") { try $0.int(0) }
                    == 1)
        }
        let errors = try content.check().errors
        #expect(errors.isEmpty, "\(errors)")
    }
}
