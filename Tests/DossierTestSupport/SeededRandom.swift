/// splitmix64: a deterministic generator, so every fuzz run tries exactly the same cases and a
/// failure names a case that can be replayed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that always produces the same sequence from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next number.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    /// `true` with probability `1/n`.
    public mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    /// A string of `length` pieces drawn from `pieces`.
    public mutating func string(from pieces: [String], length: Int) -> String {
        (0..<length).map { _ in pick(pieces) }.joined()
    }
}
