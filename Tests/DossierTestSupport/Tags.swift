import Testing

extension Tag {
    /// Tests that take more than a few seconds: processes killed mid-write, load, fuzzing, the
    /// check ⇔ import property. They live in `DossierReliabilityTests`, so the everyday loop
    /// skips them with `swift test --skip DossierReliabilityTests`; `swift test` runs them.
    @Tag public static var slow: Self
}
