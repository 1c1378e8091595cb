import Dossier
import DossierDB
import Testing

@Suite("The shipped ketamine dossier")
struct KetamineDossierTests {
    @Test("seeds into a new database and passes every curation check")
    func seedsClean() throws {
        let content = try ContentDatabase.inMemory()
        let report = try content.seed()
        #expect(report.dossiers == ["ketamine"])
        #expect(report.changeCount > 0)
        let check = try content.check()
        for finding in check.findings { print(finding) }
        #expect(check.isClean, "\(check.problems.map(\.description))")
    }
}
