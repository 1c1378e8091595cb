internal import CDossierSQLite

/// Typed binding. Parameter indexes start at 1, as in SQLite (`?1` is index 1).
///
/// Text and blobs are copied by SQLite (`SQLITE_TRANSIENT`), so the Swift value may be released
/// right after the call.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/bind_blob.html>
extension Statement {
    /// Binds an integer.
    public func bind(_ value: Int64, at index: Int) throws {
        try check(sqlite3_bind_int64(handle, Int32(clamping: index), value), binding: index)
    }

    /// Binds an integer.
    public func bind(_ value: Int, at index: Int) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a Boolean as 1 or 0.
    public func bind(_ value: Bool, at index: Int) throws {
        try bind(Int64(value ? 1 : 0), at: index)
    }

    /// Binds a floating point number.
    public func bind(_ value: Double, at index: Int) throws {
        try check(sqlite3_bind_double(handle, Int32(clamping: index), value), binding: index)
    }

    /// Binds UTF-8 text.
    public func bind(_ value: String, at index: Int) throws {
        var value = value
        let code = value.withUTF8 { buffer -> Int32 in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                // An empty string is text, not NULL: bind a static empty C string.
                return sqlite3_bind_text(handle, Int32(clamping: index), "", 0, nil)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_bind_text64(
                    handle, Int32(clamping: index), $0, sqlite3_uint64(buffer.count),
                    dossier_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
        try check(code, binding: index)
    }

    /// Binds bytes as a blob.
    public func bind(_ value: [UInt8], at index: Int) throws {
        let code = value.withUnsafeBytes { buffer -> Int32 in
            // sqlite3_bind_blob with a NULL pointer binds NULL: use a zero-length blob instead.
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_zeroblob(handle, Int32(clamping: index), 0)
            }
            return sqlite3_bind_blob64(
                handle, Int32(clamping: index), base, sqlite3_uint64(buffer.count), dossier_sqlite_transient())
        }
        try check(code, binding: index)
    }

    /// Binds `NULL`.
    public func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(handle, Int32(clamping: index)), binding: index)
    }

    /// Binds an optional integer: `nil` is `NULL`.
    public func bind(_ value: Int64?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds an optional integer: `nil` is `NULL`.
    public func bind(_ value: Int?, at index: Int) throws {
        if let value { try bind(Int64(value), at: index) } else { try bindNull(at: index) }
    }

    /// Binds an optional number: `nil` is `NULL`.
    public func bind(_ value: Double?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds optional text: `nil` is `NULL`.
    public func bind(_ value: String?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds a dynamically typed value.
    public func bind(_ value: SQLValue, at index: Int) throws {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let integer): try bind(integer, at: index)
        case .real(let real): try bind(real, at: index)
        case .text(let text): try bind(text, at: index)
        case .blob(let bytes): try bind(bytes, at: index)
        }
    }

    /// Binds positional and named arguments.
    ///
    /// Every parameter must receive a value: a forgotten `:name` would otherwise bind `NULL`
    /// silently, and `WHERE slug = NULL` matches nothing without a word.
    ///
    /// - throws: ``DatabaseError`` (`SQLITE_RANGE`) when there are more positional values than
    ///   parameters, a name matches no parameter, or a parameter is left without a value.
    public func bind(_ arguments: StatementArguments) throws {
        let parameterCount = self.parameterCount
        if arguments.positional.count > parameterCount {
            throw DatabaseError(
                .range,
                message: "\(arguments.positional.count) arguments for \(parameterCount) parameters",
                sql: sql)
        }
        // The common case, on every lookup: one value per parameter, in order. No set of bound
        // indexes is needed to know that none is missing.
        if arguments.named.isEmpty && arguments.positional.count == parameterCount {
            for (offset, value) in arguments.positional.enumerated() {
                try bind(value, at: offset + 1)
            }
            return
        }
        var bound = Set<Int>()
        for (offset, value) in arguments.positional.enumerated() {
            try bind(value, at: offset + 1)
            bound.insert(offset + 1)
        }
        for (name, value) in arguments.named {
            let index = try parameterIndex(named: name)
            try bind(value, at: index)
            bound.insert(index)
        }
        if bound.count < parameterCount {
            let missing = (1...parameterCount).filter { !bound.contains($0) }.map { index in
                sqlite3_bind_parameter_name(handle, Int32(index)).map { String(cString: $0) } ?? "?\(index)"
            }
            throw DatabaseError(
                .range, message: "no value for the parameter\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))", sql: sql)
        }
    }

    /// The 1-based index of a named parameter. `name` may omit its prefix (`id` finds `:id`,
    /// `@id` or `$id`).
    public func parameterIndex(named name: String) throws -> Int {
        let candidates = name.first.map { ":@$?".contains($0) } == true ? [name] : [":" + name, "@" + name, "$" + name]
        for candidate in candidates {
            let index = sqlite3_bind_parameter_index(handle, candidate)
            if index > 0 { return Int(index) }
        }
        throw DatabaseError(.range, message: "the statement has no parameter named \(name)", sql: sql)
    }

    /// The names of the statement's parameters, in order (`nil` for a nameless `?`).
    public var parameterNames: [String?] {
        (0..<parameterCount).map { offset in
            sqlite3_bind_parameter_name(handle, Int32(offset + 1)).map { String(cString: $0) }
        }
    }

    private func check(_ code: Int32, binding index: Int) throws {
        guard code != SQLITE_OK else { return }
        let reason =
            code == SQLITE_RANGE
            ? "parameter index \(index) is out of range 1...\(parameterCount)"
            : "cannot bind parameter \(index): \(String(cString: sqlite3_errstr(code)))"
        throw DatabaseError(ResultCode(rawValue: code), message: reason, sql: sql)
    }
}
