/// A connection's statements cached by ``CachedSQL`` identity, found by the SQL's slot: an
/// array index for the first slots rather than a hash on every lookup, a dictionary past them
/// (a program that makes `CachedSQL` values on the fly must not grow every connection's array
/// without bound).
struct KeyedStatementCache {
    /// How many slots the array covers.
    static let arraySlots = 1024

    private var bySlot: [Statement?] = []
    private var overflow: [Int: Statement] = [:]

    /// The statement cached for a slot.
    subscript(slot: Int) -> Statement? {
        get {
            if slot < bySlot.count { return bySlot[slot] }
            return slot < Self.arraySlots ? nil : overflow[slot]
        }
        set {
            guard slot < Self.arraySlots else {
                overflow[slot] = newValue
                return
            }
            if slot >= bySlot.count {
                guard newValue != nil else { return }
                bySlot.append(contentsOf: repeatElement(nil, count: slot + 1 - bySlot.count))
            }
            bySlot[slot] = newValue
        }
    }

    /// How many statements are cached.
    var count: Int { bySlot.lazy.filter { $0 != nil }.count + overflow.count }

    /// Finalizes every statement (unless a cursor still holds it).
    mutating func removeAll() {
        bySlot.removeAll()
        overflow.removeAll()
    }
}
